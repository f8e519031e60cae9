"""Burstable instances' credit option as EC2 reports it, for moto 5.2.1 (test harness only, never deployed).

moto answers DescribeInstanceCreditSpecifications with CpuCredits "standard" for every instance,
however it was launched. EC2 reports the credit option the instance was launched with
(RunInstances `CreditSpecification.CpuCredits`, or its launch template's), else the account's default
for its family: `unlimited` for T3, T3a and T4g, `standard` for T2 (EC2 User Guide, "Burstable
performance instances" / "Key concepts", default credit specification; EC2 API Reference RunInstances
CreditSpecification: "Default: standard (T2 instances) or unlimited (T3/T3a/T4g instances)").
This records the launch option on the instance and answers with it, else with that family default,
in moto's own response shape (InstanceCreditSpecifications[].{InstanceId, CpuCredits}).
The account-level default (ModifyDefaultCreditSpecification) is not modelled: the documented
defaults are assumed. Auto Scaling members are made by moto's backend, not RunInstances, so they get
the family default even when their launch template names a CreditSpecification. ModifyInstanceCreditSpecification changes the recorded option, as EC2 does.
"""
from typing import Any

from moto.core.responses import ActionResult
from moto.ec2.responses.instances import InstanceResponse

# The account's default credit option per family, as AWS ships it (EC2 User Guide, see above).
FAMILY_DEFAULTS = {"t2": "standard", "t3": "unlimited", "t3a": "unlimited", "t4g": "unlimited"}
_ATTRIBUTE = "_ops_cpu_credits"
_moto_run_instances = InstanceResponse.run_instances


def family_default(instance_type: str) -> str:
    return FAMILY_DEFAULTS.get(instance_type.split(".")[0], "standard")


def _launch_template_option(response: InstanceResponse) -> str | None:
    template = response._get_param("LaunchTemplate", {})
    if not template:
        return None
    data = response.ec2_backend._get_template_from_args(template).data
    return (data.get("CreditSpecification") or {}).get("CpuCredits")


def run_instances(self: InstanceResponse) -> ActionResult:
    chosen = self._get_param("CreditSpecification.CpuCredits") or _launch_template_option(self)
    result = _moto_run_instances(self)
    if chosen:
        for instance in result.result.instances:  # type: ignore[attr-defined]
            instance.__dict__[_ATTRIBUTE] = chosen
    return result


def credit_option(instance: Any) -> str:
    return instance.__dict__.get(_ATTRIBUTE) or family_default(instance.instance_type)


def describe_instance_credit_specifications(self: InstanceResponse) -> ActionResult:
    instance_ids = self._get_param("InstanceIds", [])
    instances = self.ec2_backend.describe_instance_credit_specifications(instance_ids)
    return ActionResult(
        {"InstanceCreditSpecifications": [{"InstanceId": i.id, "CpuCredits": credit_option(i)} for i in instances]}
    )


def modify_instance_credit_specification(self: InstanceResponse) -> ActionResult:
    # EC2 API Reference ModifyInstanceCreditSpecification: SuccessfulInstanceCreditSpecifications[].InstanceId.
    requested = self._get_param("InstanceCreditSpecifications", [])
    done = []
    for spec in requested:
        instance = self.ec2_backend.get_instance(spec["InstanceId"])
        if spec.get("CpuCredits"):
            instance.__dict__[_ATTRIBUTE] = spec["CpuCredits"]
        done.append({"InstanceId": instance.id})
    return ActionResult({"SuccessfulInstanceCreditSpecifications": done, "UnsuccessfulInstanceCreditSpecifications": []})


def install() -> None:
    InstanceResponse.run_instances = run_instances
    InstanceResponse.describe_instance_credit_specifications = describe_instance_credit_specifications
    InstanceResponse.modify_instance_credit_specification = modify_instance_credit_specification
