#!/usr/bin/env node
// `npx ops`: the ops command line (scripts/ops.ts), run through tsx so no build step is needed.
require('tsx/cjs');
require('./ops.ts').cli();
