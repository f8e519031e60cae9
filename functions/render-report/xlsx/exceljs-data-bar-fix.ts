/**
 * exceljs 4.4's streaming writer (the one the report uses) writes every data bar rule with an
 * extension pointing at an Excel 2010 data bar definition, `<extLst><ext><x14:id/></ext></extLst>`,
 * but never writes that definition nor an id: an empty x14:id names nothing, which Excel treats as
 * a damaged file (exceljs issue #3015). The in-memory writer does write both.
 *
 * This makes exceljs leave the extension out when the rule has no x14Id (the streaming case), so
 * the rule is the plain data bar of ECMA-376 (18.3.1.28), which every Excel since 2007 and
 * LibreOffice draw. Rules that the in-memory writer gave an x14Id keep their extension.
 *
 * It replaces one method of an exceljs internal class, once per process. If exceljs moves or
 * renames it, loading this module throws (test/unit/xlsx-conditional-formats.test.ts pins the
 * output), rather than data bars silently producing files Excel repairs.
 */

interface XmlStream {
  openNode(name: string, attributes?: Record<string, unknown>): void;
  closeNode(): void;
}

interface DataBarModel {
  priority?: number;
  x14Id?: string;
}

interface CfRuleXformPrototype {
  renderDataBar(this: CfRuleXformInstance, xmlStream: XmlStream, model: DataBarModel): void;
  [PATCHED]?: true;
}

interface CfRuleXformInstance {
  databarXform: { render(xmlStream: XmlStream, model: DataBarModel): void };
}

const PATCHED = Symbol.for('ops-automation.exceljs-data-bar-fix');

const CfRuleXform = require('exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform') as { prototype: CfRuleXformPrototype };

export function installDataBarFix(): void {
  const prototype = CfRuleXform?.prototype;
  if (prototype?.[PATCHED]) return;
  if (typeof prototype?.renderDataBar !== 'function') {
    throw new Error('exceljs internals changed: CfRuleXform.renderDataBar is gone; re-check the data bar fix in exceljs-data-bar-fix.ts');
  }
  const original = prototype.renderDataBar;
  prototype.renderDataBar = function renderDataBar(xmlStream, model) {
    if (model.x14Id) {
      original.call(this, xmlStream, model);
      return;
    }
    xmlStream.openNode('cfRule', { type: 'dataBar', priority: model.priority });
    this.databarXform.render(xmlStream, model);
    xmlStream.closeNode();
  };
  prototype[PATCHED] = true;
}
