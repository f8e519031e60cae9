"""AWS Backup operations moto 5.2.1 lacks, added to moto server (test harness only, never deployed).

moto stores backup plans and vaults. The Terraform module also needs backup selections and vault
access policies, and the cost report reads recovery points, protected resources and backup jobs,
which only AWS itself creates. This module adds exactly those operations to moto's Backup service,
in AWS Backup's REST-JSON wire format as botocore's service model (backup/2018-11-15) defines it:
same paths and methods, same member names, epoch-second timestamps in bodies and ISO 8601 ones in
query strings, NextToken/MaxResults paging, and errors as an `x-amzn-ErrorType` header with a JSON
`Message`. botocore ships AWS's own model of the service, so member names, enums (RecoveryPointStatus,
BackupJobState, ...) and paging names come from AWS, not from us. Recovery points and jobs are
seeded through two moto-api endpoints, in the shapes DescribeRecoveryPoint and ListBackupJobs
return; an EC2 or EBS point whose ARNs are not of the shape AWS gives them is refused too:

    POST /moto-api/static/backup/recovery-points  {"account_id"?, "region"?, "RecoveryPoints": [...]}
    POST /moto-api/static/backup/jobs             {"account_id"?, "region"?, "BackupJobs": [...]}

Added (A) or corrected (C) operations; moto's own plans and vaults calls stay as they are:

    A PUT    /backup/plans/{planId}/selections/               CreateBackupSelection
    A GET    /backup/plans/{planId}/selections/{selectionId}  GetBackupSelection
    A GET    /backup/plans/{planId}/selections/               ListBackupSelections
    A DELETE /backup/plans/{planId}/selections/{selectionId}  DeleteBackupSelection
    C DELETE /backup/plans/{planId}                           DeleteBackupPlan (refused while it has selections)
    C GET    /backup/plans/                                   ListBackupPlans (paged; includeDeleted)
    C GET    /backup-vaults/                                  ListBackupVaults (paged)
    C DELETE /backup-vaults/{name}                            DeleteBackupVault (refused while it holds points)
    A GET|PUT|DELETE /backup-vaults/{name}/access-policy      Get/Put/DeleteBackupVaultAccessPolicy
    A GET    /backup-vaults/{name}/recovery-points/           ListRecoveryPointsByBackupVault
    A GET    /backup-vaults/{name}/recovery-points/{arn}      DescribeRecoveryPoint
    A GET    /resources/                                      ListProtectedResources
    A GET    /resources/{arn}/recovery-points/                ListRecoveryPointsByResource
    A GET    /backup-jobs/                                    ListBackupJobs
    C GET    /tags/{arn}/                                     ListTags (the ARN without a trailing slash)

Any other Backup operation moto lacks answers 501 NotImplemented naming it. State lives on moto's
BackupBackend of each account and region, so `/moto-api/reset` clears it. Where AWS behaves
unexpectedly and the report must cope, this does the same and says so below.
"""
import base64
import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from botocore.loaders import Loader
from botocore.model import ServiceModel, Shape
from moto.backup import urls as backup_urls
from moto.backup.models import BackupBackend, backup_backends
from moto.backup.responses import BackupResponse
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.exceptions import JsonRESTError
from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.models import AWSManagedPolicy, IAMBackend
from moto.moto_api._internal import mock_random
from moto.moto_api._internal import urls as moto_api_urls
from moto.utilities.utils import get_partition

MODEL = ServiceModel(Loader().load_service_model("backup", "service-2"), "backup")
PAGE_SIZE_DEFAULT = 1000
# AWS: "Returns a list of existing backup jobs for an authenticated account for the last 30 days."
JOBS_KEPT_DAYS = 30


class BackupError(JsonRESTError):
    """An AWS Backup error as the service sends it: the name in x-amzn-ErrorType, a JSON Message."""

    def __init__(self, name: str, message: str, status: int = 400):
        super().__init__(name, message)
        self.code = status
        self.description = json.dumps({"Message": message})


def _not_found(message: str) -> BackupError:
    return BackupError("ResourceNotFoundException", message)


def _invalid(message: str) -> BackupError:
    return BackupError("InvalidParameterValueException", message)


def _vault_access_denied() -> BackupError:
    # AWS answers a vault that does not exist with 403 AccessDeniedException, not ResourceNotFound
    # (aws/aws-sdk-js#2625, boto/boto3#2269): the report must not read it as missing permissions only.
    return BackupError("AccessDeniedException", "Insufficient privileges to perform this action.", 403)


# --- State ---------------------------------------------------------------------------------------


class EmulatedBackupState:
    def __init__(self) -> None:
        self.selections: dict[str, dict[str, dict[str, Any]]] = {}  # plan id -> selection id -> record
        self.vault_policies: dict[str, str] = {}  # vault name -> policy document
        self.recovery_points: dict[str, dict[str, Any]] = {}  # ARN -> DescribeRecoveryPoint output
        self.jobs: dict[str, dict[str, Any]] = {}  # job id -> BackupJob


def state_of(backend: BackupBackend) -> EmulatedBackupState:
    # Kept on the backend instance, so moto's reset (which replaces backends) clears it too.
    if "_emulated_backup" not in backend.__dict__:
        backend.__dict__["_emulated_backup"] = EmulatedBackupState()
    return backend.__dict__["_emulated_backup"]


def _now() -> float:
    return datetime.now(timezone.utc).timestamp()


def _vault_arn(backend: BackupBackend, name: str) -> str:
    return f"arn:{get_partition(backend.region_name)}:backup:{backend.region_name}:{backend.account_id}:backup-vault:{name}"


# --- Wire-format helpers -------------------------------------------------------------------------


def _timestamp(value: Any, where: str) -> float:
    """Epoch seconds (the body format) or ISO 8601 (the query-string format) to epoch seconds."""
    if isinstance(value, bool):
        raise _invalid(f"{where} must be a timestamp (epoch seconds or ISO 8601), got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise _invalid(f"{where} must be a timestamp (epoch seconds or ISO 8601), got {value!r}") from None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).timestamp()
    raise _invalid(f"{where} must be a timestamp (epoch seconds or ISO 8601), got {value!r}")


def conform(shape: Shape, value: Any, where: str) -> Any:
    """Checks a seeded item against the service model's shape: unknown members, wrong types and
    enum values are refused with the member's path, so a fixture cannot drift from what AWS sends."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise _invalid(f"{where} must be an object with members {', '.join(shape.members)}")
        unknown = [k for k in value if k not in shape.members]
        if unknown:
            raise _invalid(f"{where}.{unknown[0]} is not a member of {shape.name}; allowed: {', '.join(shape.members)}")
        return {k: conform(shape.members[k], v, f"{where}.{k}") for k, v in value.items() if v is not None}
    if kind == "list":
        if not isinstance(value, list):
            raise _invalid(f"{where} must be a list")
        return [conform(shape.member, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if kind == "map":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise _invalid(f"{where} must be an object of strings")
        return dict(value)
    if kind == "string":
        if not isinstance(value, str):
            raise _invalid(f"{where} must be a string")
        if shape.enum and value not in shape.enum:
            raise _invalid(f"{where} must be one of {', '.join(shape.enum)}, got {value!r}")
        return value
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(f"{where} must be a whole number")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise _invalid(f"{where} must be true or false")
        return value
    if kind == "timestamp":
        return _timestamp(value, where)
    raise _invalid(f"{where}: members of type {kind} are not emulated")


def _project(shape_name: str, record: dict[str, Any], renames: dict[str, str] | None = None) -> dict[str, Any]:
    """The members of `shape_name` that `record` has (renames: output member -> record member)."""
    members = MODEL.shape_for(shape_name).members
    renames = renames or {}
    return {m: record[renames.get(m, m)] for m in members if renames.get(m, m) in record}


def _page(items: list[Any], query: dict[str, str]) -> tuple[list[Any], str | None]:
    """MaxResults (1-1000) and an opaque NextToken, as every Backup List* call pages."""
    size = PAGE_SIZE_DEFAULT
    if "maxResults" in query:
        try:
            size = int(query["maxResults"])
        except ValueError:
            raise _invalid("MaxResults must be a whole number from 1 to 1000") from None
        if not 1 <= size <= 1000:
            raise _invalid("MaxResults must be a whole number from 1 to 1000")
    start = 0
    if query.get("nextToken"):
        try:
            start = int(json.loads(base64.urlsafe_b64decode(query["nextToken"]))["offset"])
        except (ValueError, KeyError, TypeError):
            raise _invalid("NextToken is not a token this call returned") from None
    end = start + size
    token = base64.urlsafe_b64encode(json.dumps({"offset": end}).encode()).decode() if end < len(items) else None
    return items[start:end], token


def _listing(key: str, items: list[Any], query: dict[str, str]) -> dict[str, Any]:
    page, token = _page(items, query)
    return {key: page, **({"NextToken": token} if token else {})}


# --- Operations on moto's BackupResponse ---------------------------------------------------------
# moto picks the method from the request's method and raw path with the same service model, so
# `camel_case(Operation)` methods are all it takes; url_paths below routes the new paths to it.


def _json(payload: Any) -> tuple[str, dict[str, Any]]:
    return json.dumps(payload), {"status": 200, "Content-Type": "application/json"}


def _uri(self: BackupResponse, name: str) -> str:
    assert self.uri_match is not None
    return unquote(self.uri_match.group(name))


def _query(self: BackupResponse) -> dict[str, str]:
    # Not self.querystring: moto fills it from the headers when the query string is empty.
    return {k: v[0] for k, v in parse_qs(urlparse(self.uri).query, keep_blank_values=True).items()}


def _body(self: BackupResponse) -> dict[str, Any]:
    try:
        parsed = json.loads(self.body) if self.body else {}
    except ValueError:
        raise BackupError("SerializationException", "The request body is not valid JSON") from None
    return parsed if isinstance(parsed, dict) else {}


def _live_plan(self: BackupResponse, plan_id: str, missing: BackupError) -> None:
    plan = self.backup_backend.plans.get(plan_id)
    if plan is None or plan.deletion_date is not None:
        raise missing


def create_backup_selection(self: BackupResponse) -> Any:
    plan_id = _uri(self, "backupPlanId")
    body = _body(self)
    _live_plan(self, plan_id, _invalid(f"Backup plan {plan_id} does not exist"))
    selection = body.get("BackupSelection")
    if not isinstance(selection, dict):
        raise BackupError("MissingParameterValueException", "BackupSelection is required")
    for required in ("SelectionName", "IamRoleArn"):
        if not selection.get(required):
            raise BackupError("MissingParameterValueException", f"BackupSelection.{required} is required")
    selection = conform(MODEL.shape_for("BackupSelection"), selection, "BackupSelection")
    # The message AWS gives (and the Terraform provider surfaces) for a selection that selects nothing.
    if not selection.get("ListOfTags") and not selection.get("Resources"):
        raise _invalid("Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.")
    record = {
        "SelectionId": str(mock_random.uuid4()),
        "BackupPlanId": plan_id,
        "CreationDate": _now(),
        "BackupSelection": selection,
        **({"CreatorRequestId": body["CreatorRequestId"]} if body.get("CreatorRequestId") else {}),
    }
    state_of(self.backup_backend).selections.setdefault(plan_id, {})[record["SelectionId"]] = record
    return _json(_project("CreateBackupSelectionOutput", record))


def _selection(self: BackupResponse) -> tuple[str, str, dict[str, Any]]:
    plan_id, selection_id = _uri(self, "backupPlanId"), _uri(self, "selectionId")
    record = state_of(self.backup_backend).selections.get(plan_id, {}).get(selection_id)
    if record is None:
        raise _not_found(f"Backup selection {selection_id} of backup plan {plan_id} does not exist")
    return plan_id, selection_id, record


def get_backup_selection(self: BackupResponse) -> Any:
    return _json(_project("GetBackupSelectionOutput", _selection(self)[2]))


def list_backup_selections(self: BackupResponse) -> Any:
    plan_id = _uri(self, "backupPlanId")
    _live_plan(self, plan_id, _not_found(f"Backup plan {plan_id} does not exist"))
    records = list(state_of(self.backup_backend).selections.get(plan_id, {}).values())
    members = [
        {**_project("BackupSelectionsListMember", r), "SelectionName": r["BackupSelection"]["SelectionName"], "IamRoleArn": r["BackupSelection"]["IamRoleArn"]}
        for r in records
    ]
    return _json(_listing("BackupSelectionsList", members, _query(self)))


def delete_backup_selection(self: BackupResponse) -> Any:
    plan_id, selection_id, _ = _selection(self)
    del state_of(self.backup_backend).selections[plan_id][selection_id]
    return "", {"status": 200}


_moto_delete_backup_plan = BackupResponse.delete_backup_plan


def delete_backup_plan(self: BackupResponse) -> Any:
    plan_id = unquote(self.path.rstrip("/").split("/")[-1])
    if state_of(self.backup_backend).selections.get(plan_id):
        # AWS refuses it too; Terraform deletes the selections first because they depend on the plan.
        raise BackupError("InvalidRequestException", "Related backup plan selections must be deleted prior to backup plan deletion")
    return _moto_delete_backup_plan(self)


def _vault(self: BackupResponse, name: str, missing: BackupError) -> Any:
    vault = self.backup_backend.vaults.get(name)
    if vault is None:
        raise missing
    return vault


def get_backup_vault_access_policy(self: BackupResponse) -> Any:
    name = _uri(self, "backupVaultName")
    vault = _vault(self, name, _not_found(f"Backup vault {name} does not exist"))
    policy = state_of(self.backup_backend).vault_policies.get(name)
    if policy is None:
        raise _not_found(f"Backup vault {name} has no access policy")
    return _json({"BackupVaultName": name, "BackupVaultArn": vault.backup_vault_arn, "Policy": policy})


def put_backup_vault_access_policy(self: BackupResponse) -> Any:
    name = _uri(self, "backupVaultName")
    _vault(self, name, _not_found(f"Backup vault {name} does not exist"))
    policy = _body(self).get("Policy")
    try:
        parsed = json.loads(policy) if isinstance(policy, str) else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict) or "Statement" not in parsed:
        raise _invalid("Policy must be a JSON policy document with a Statement")
    state_of(self.backup_backend).vault_policies[name] = policy
    return "", {"status": 200}


def delete_backup_vault_access_policy(self: BackupResponse) -> Any:
    name = _uri(self, "backupVaultName")
    _vault(self, name, _not_found(f"Backup vault {name} does not exist"))
    state_of(self.backup_backend).vault_policies.pop(name, None)
    return "", {"status": 200}


_moto_delete_backup_vault = BackupResponse.delete_backup_vault


def delete_backup_vault(self: BackupResponse) -> Any:
    name = unquote(self.path.rstrip("/").split("/")[-1])
    state = state_of(self.backup_backend)
    if any(p["BackupVaultName"] == name for p in state.recovery_points.values()):
        raise BackupError("InvalidRequestException", "Backup vault cannot be deleted because it contains recovery points.")
    state.vault_policies.pop(name, None)
    return _moto_delete_backup_vault(self)


def _newest_first(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(points, key=lambda p: p["CreationDate"], reverse=True)


def list_protected_resources(self: BackupResponse) -> Any:
    # A resource is protected once AWS Backup holds a recovery point of it: derived from the seeded
    # points, so the three views (by resource, by vault, protected resources) always agree.
    newest: dict[str, dict[str, Any]] = {}
    for point in _newest_first(list(state_of(self.backup_backend).recovery_points.values())):
        newest.setdefault(point["ResourceArn"], point)
    resources = [
        {
            "ResourceArn": arn,
            "ResourceType": p["ResourceType"],
            "LastBackupTime": p["CreationDate"],
            "LastBackupVaultArn": p["BackupVaultArn"],
            "LastRecoveryPointArn": p["RecoveryPointArn"],
            **({"ResourceName": p["ResourceName"]} if "ResourceName" in p else {}),
        }
        for arn, p in sorted(newest.items())
    ]
    return _json(_listing("Results", resources, _query(self)))


def list_recovery_points_by_resource(self: BackupResponse) -> Any:
    arn = _uri(self, "resourceArn")
    # managedByAWSBackupOnly changes nothing here: every seeded point is one AWS Backup made.
    points = [p for p in state_of(self.backup_backend).recovery_points.values() if p["ResourceArn"] == arn]
    # This view names the size BackupSizeBytes; the others name it BackupSizeInBytes.
    items = [_project("RecoveryPointByResource", p, {"BackupSizeBytes": "BackupSizeInBytes"}) for p in _newest_first(points)]
    return _json(_listing("RecoveryPoints", items, _query(self)))


def _matches_time(value: float | None, after: str | None, before: str | None, name: str) -> bool:
    if after is not None and (value is None or value <= _timestamp(after, f"{name}After")):
        return False
    if before is not None and (value is None or value >= _timestamp(before, f"{name}Before")):
        return False
    return True


def list_recovery_points_by_backup_vault(self: BackupResponse) -> Any:
    name = _uri(self, "backupVaultName")
    _vault(self, name, _vault_access_denied())
    query = _query(self)
    equal = {"resourceArn": "ResourceArn", "resourceType": "ResourceType", "parentRecoveryPointArn": "ParentRecoveryPointArn"}
    points = [
        p
        for p in state_of(self.backup_backend).recovery_points.values()
        if p["BackupVaultName"] == name
        and all(p.get(member) == query[param] for param, member in equal.items() if param in query)
        and ("backupPlanId" not in query or p.get("CreatedBy", {}).get("BackupPlanId") == query["backupPlanId"])
        and _matches_time(p["CreationDate"], query.get("createdAfter"), query.get("createdBefore"), "ByCreated")
    ]
    items = [_project("RecoveryPointByBackupVault", p) for p in _newest_first(points)]
    return _json(_listing("RecoveryPoints", items, query))


def describe_recovery_point(self: BackupResponse) -> Any:
    name, arn = _uri(self, "backupVaultName"), _uri(self, "recoveryPointArn")
    _vault(self, name, _vault_access_denied())
    point = state_of(self.backup_backend).recovery_points.get(arn)
    if point is None or point["BackupVaultName"] != name:
        raise _not_found(f"Recovery point {arn} was not found in backup vault {name}")
    return _json(_project("DescribeRecoveryPointOutput", point))


def list_backup_jobs(self: BackupResponse) -> Any:
    query = _query(self)
    if "state" in query and query["state"] not in MODEL.shape_for("BackupJobState").enum:
        raise _invalid(f"ByState must be one of {', '.join(MODEL.shape_for('BackupJobState').enum)}")
    kept_since = _now() - JOBS_KEPT_DAYS * 86400
    equal = {
        "resourceArn": "ResourceArn",
        "state": "State",
        "backupVaultName": "BackupVaultName",
        "resourceType": "ResourceType",
        "accountId": "AccountId",
        "parentJobId": "ParentJobId",
        "messageCategory": "MessageCategory",
    }
    jobs = [
        j
        for j in state_of(self.backup_backend).jobs.values()
        if j["CreationDate"] >= kept_since
        and all(j.get(member) == query[param] for param, member in equal.items() if param in query)
        and _matches_time(j["CreationDate"], query.get("createdAfter"), query.get("createdBefore"), "ByCreated")
        and _matches_time(j.get("CompletionDate"), query.get("completeAfter"), query.get("completeBefore"), "ByComplete")
    ]
    jobs.sort(key=lambda j: j["CreationDate"], reverse=True)
    return _json(_listing("BackupJobs", jobs, query))


def list_backup_plans(self: BackupResponse) -> Any:
    # moto returns every plan on one page and reads includeDeleted=false as true.
    query = _query(self)
    plans = self.backup_backend.list_backup_plans(include_deleted=query.get("includeDeleted", "").lower() == "true")
    return _json(_listing("BackupPlansList", [p.to_list_dict() for p in plans], query))


def list_backup_vaults(self: BackupResponse) -> Any:
    # moto returns every vault on one page.
    vaults = [v.to_list_dict() for v in self.backup_backend.list_backup_vaults()]
    return _json(_listing("BackupVaultList", vaults, _query(self)))


def list_tags(self: BackupResponse) -> Any:
    # moto reads the ARN from the second-to-last path segment, which holds only with botocore's
    # trailing slash; the Go (Terraform) and JavaScript SDKs send GET /tags/{arn} without it.
    return _json({"Tags": self.backup_backend.list_tags(_uri(self, "resourceArn"))})


_moto_call_action = BackupResponse.call_action


def call_action(self: BackupResponse) -> Any:
    """An operation neither moto nor this module implements fails at once with 501 naming it,
    instead of moto's HTML 500 that SDKs retry: a test never mistakes a gap for a success."""
    try:
        return _moto_call_action(self)
    except NotImplementedError:
        error = BackupError("NotImplemented", f"The local AWS Backup emulation does not implement {self._get_action()} (scripts/local/moto_backup.py)", 501)
        return error.code, dict(error.get_headers()), error.get_body()


OPERATIONS = [
    call_action,
    create_backup_selection,
    get_backup_selection,
    list_backup_selections,
    delete_backup_selection,
    delete_backup_plan,
    get_backup_vault_access_policy,
    put_backup_vault_access_policy,
    delete_backup_vault_access_policy,
    delete_backup_vault,
    list_tags,
    list_backup_plans,
    list_backup_vaults,
    list_protected_resources,
    list_recovery_points_by_resource,
    list_recovery_points_by_backup_vault,
    describe_recovery_point,
    list_backup_jobs,
]

# Flask matches the decoded path, in which an ARN brings its own slashes; moto then picks the
# operation from the raw (still encoded) path. The JavaScript SDK drops the model's trailing
# slash (GET /backup-jobs?state=FAILED), botocore keeps it: both reach the same operation, as on
# AWS. moto's own rules already cover /backup/plans/...
NEW_PATHS = [
    "{0}/backup-vaults/(?P<name>[^/]+)/access-policy$",
    "{0}/backup-vaults/(?P<name>[^/]+)/recovery-points(?P<rest>.*)$",
    "{0}/resources(?P<rest>.*)$",
    "{0}/backup-jobs(?P<rest>.*)$",
]


# --- Seeding -------------------------------------------------------------------------------------

RECOVERY_POINT_REQUIRED = ["RecoveryPointArn", "BackupVaultName", "ResourceArn", "ResourceType", "CreationDate", "Status"]
JOB_REQUIRED = ["BackupJobId", "BackupVaultName", "ResourceArn", "ResourceType", "CreationDate", "State"]

# The ARNs AWS gives the recovery points of the two types we back up: the AMI's or the snapshot's
# own EC2 ARN, with the vault's region and no account ("arn:aws:ec2:us-west-2::image/ami-04555b9b3720fcb7f"
# in a real get-recovery-point-restore-metadata output; "arn:aws:ec2:us-east-1::image/ami-…" in the
# AWS Backup guide's EC2 StartRestoreJob example; "arn:aws:ec2:us-west-2::snapshot/snap-0726fe70935586180"
# as destinationRecoveryPointArn in its EventBridge examples), never the
# arn:aws:backup:…:recovery-point:ID other resource types get. The ids' characters are left free.
POINT_ARNS = {
    "EC2": ("image/ami-", "instance/i-"),
    "EBS": ("snapshot/snap-", "volume/vol-"),
}


def _check_point_arns(where: str, point: dict[str, Any], region: str) -> None:
    shapes = POINT_ARNS.get(point["ResourceType"])
    if shapes is None:
        return
    point_path, resource_path = shapes
    partition = r"arn:aws(-[a-z]+)*"
    if not re.fullmatch(rf"{partition}:ec2:{re.escape(region)}::{point_path}[0-9A-Za-z]+", point["RecoveryPointArn"]):
        raise _invalid(f"{where}.RecoveryPointArn: an {point['ResourceType']} recovery point's ARN is arn:aws:ec2:{region}::{point_path}…, got {point['RecoveryPointArn']!r}")
    if not re.fullmatch(rf"{partition}:ec2:{re.escape(region)}:[0-9]{{12}}:{resource_path}[0-9A-Za-z]+", point["ResourceArn"]):
        raise _invalid(f"{where}.ResourceArn: an {point['ResourceType']} recovery point's resource is arn:aws:ec2:{region}:ACCOUNT:{resource_path}…, got {point['ResourceArn']!r}")


def _seed_target(body: dict[str, Any], headers: Any) -> BackupBackend:
    # Like moto's other /moto-api/static endpoints: account_id and region in the body; the
    # x-moto-account-id header (the test proxy's per-test account) when the body names none.
    header_account = next((v for k, v in headers.items() if k.lower() == "x-moto-account-id"), None)
    account_id = body.get("account_id") or header_account or DEFAULT_ACCOUNT_ID
    region = body.get("region") or "us-east-1"
    if not re.fullmatch(r"[0-9]{12}", str(account_id)):
        raise _invalid(f"account_id must be 12 digits, got {account_id!r}")
    if not re.fullmatch(r"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}", str(region)):
        raise _invalid(f"region must be a region code like ap-northeast-2, got {region!r}")
    return backup_backends[str(account_id)][str(region)]


def _conformed_items(body: dict[str, Any], key: str, shape_name: str, required: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """The body's items, each checked against the model shape, with where each came from."""
    unknown = [k for k in body if k not in ("account_id", "region", key)]
    if unknown:
        raise _invalid(f"{unknown[0]} is not accepted; send {{\"account_id\"?, \"region\"?, \"{key}\": [...]}}")
    items = body.get(key)
    if not isinstance(items, list):
        raise _invalid(f"{key} must be a list")
    conformed = []
    for i, raw in enumerate(items):
        where = f"{key}[{i}]"
        item = conform(MODEL.shape_for(shape_name), raw, where)
        missing = [k for k in required if item.get(k) is None]
        if missing:
            raise _invalid(f"{where}.{missing[0]} is required (required: {', '.join(required)})")
        conformed.append((where, item))
    return conformed


def _seed(handler: Any) -> Any:
    def endpoint(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
        try:
            body = json.loads(request.data or b"{}")
            if not isinstance(body, dict):
                raise _invalid("the body must be a JSON object")
            return 201, {"Content-Type": "application/json"}, json.dumps(handler(body, headers))
        except ValueError:
            error = _invalid("the body must be JSON")
        except BackupError as e:
            error = e
        return error.code, dict(error.get_headers()), error.get_body()

    endpoint.__name__ = handler.__name__
    return endpoint


def seed_recovery_points(body: dict[str, Any], headers: Any) -> dict[str, int]:
    backend = _seed_target(body, headers)
    state = state_of(backend)
    points = []
    for where, point in _conformed_items(body, "RecoveryPoints", "DescribeRecoveryPointOutput", RECOVERY_POINT_REQUIRED):
        vault = backend.vaults.get(point["BackupVaultName"])
        if vault is None:
            raise _invalid(f"{where}.BackupVaultName: no backup vault {point['BackupVaultName']} in {backend.account_id}/{backend.region_name}")
        _check_point_arns(where, point, backend.region_name)
        # What AWS always returns for a point, unless the item says otherwise.
        point.setdefault("BackupVaultArn", vault.backup_vault_arn)
        point.setdefault("StorageClass", "WARM")
        point.setdefault("VaultType", "BACKUP_VAULT")
        lifecycle = point.get("Lifecycle", {})
        if lifecycle and "CalculatedLifecycle" not in point:
            day = timedelta(days=1).total_seconds()
            point["CalculatedLifecycle"] = {
                **({"MoveToColdStorageAt": point["CreationDate"] + lifecycle["MoveToColdStorageAfterDays"] * day} if "MoveToColdStorageAfterDays" in lifecycle else {}),
                **({"DeleteAt": point["CreationDate"] + lifecycle["DeleteAfterDays"] * day} if "DeleteAfterDays" in lifecycle else {}),
            }
        points.append(point)
    for point in points:
        state.recovery_points[point["RecoveryPointArn"]] = point
    for vault in backend.vaults.values():
        vault.num_of_recovery_points = sum(1 for p in state.recovery_points.values() if p["BackupVaultName"] == vault.backup_vault_name)
    return {"RecoveryPoints": len(points)}


def seed_jobs(body: dict[str, Any], headers: Any) -> dict[str, int]:
    backend = _seed_target(body, headers)
    jobs = []
    for _, job in _conformed_items(body, "BackupJobs", "BackupJob", JOB_REQUIRED):
        job.setdefault("AccountId", backend.account_id)
        job.setdefault("BackupVaultArn", _vault_arn(backend, job["BackupVaultName"]))
        jobs.append(job)
    for job in jobs:
        state_of(backend).jobs[job["BackupJobId"]] = job
    return {"BackupJobs": len(jobs)}


# --- AWS managed policies of the backup service role ---------------------------------------------
# AWS always has its managed policies; moto loads its copy of them only with
# MOTO_IAM_LOAD_MANAGED_POLICIES=true, ~1,500 policies (0.25 s) for every account it sees, and the
# tests use a fresh account each. The one a role attaches is loaded when it is attached instead.

_moto_attach_role_policy = IAMBackend.attach_role_policy
_AWS_MANAGED_ARN = re.compile(r"arn:aws[a-z-]*:iam::aws:policy(/(?:[^/]+/)*)([^/]+)")


def attach_role_policy(self: IAMBackend, policy_arn: str, role_name: str) -> None:
    match = _AWS_MANAGED_ARN.fullmatch(policy_arn)
    if match and policy_arn not in self.managed_policies:
        data = json.loads(aws_managed_policies_data).get(match.group(2))
        if data is not None and data.get("Path") == match.group(1):
            policy = AWSManagedPolicy.from_data(match.group(2), self.account_id, self.region_name, data)
            self.managed_policies[policy.arn] = policy
    _moto_attach_role_policy(self, policy_arn, role_name)


def install() -> None:
    """Adds the operations and routes; must run before moto server answers its first request."""
    for operation in OPERATIONS:
        setattr(BackupResponse, operation.__name__, operation)
    for path in NEW_PATHS:
        backup_urls.url_paths[path] = BackupResponse.dispatch
    moto_api_urls.url_paths["{0}/moto-api/static/backup/recovery-points"] = _seed(seed_recovery_points)
    moto_api_urls.url_paths["{0}/moto-api/static/backup/jobs"] = _seed(seed_jobs)
    IAMBackend.attach_role_policy = attach_role_policy
