"""Starts moto server for local runs and tests (test harness only, never deployed).

moto 5.2.1 lacks two Step Functions operations that the Terraform AWS provider 5.100 calls for
aws_sfn_state_machine (ValidateStateMachineDefinition, ListStateMachineVersions); without them
the provider retries for minutes. They are added here so `terraform apply` works against moto.
The AWS Backup operations moto lacks (selections, vault access policies, recovery points, jobs)
are added by moto_backup.py beside this file, CreateImage snapshots the instance's volumes as EC2
does (moto_ec2_images.py), DescribeInstanceCreditSpecifications answers the launch's credit option or
the family default (moto_ec2_credits.py), Aurora clusters accept StorageType aurora-iopt1 (moto_rds.py), and IAM role lookups are made safe for the parallel deletes of
`terraform destroy`.
"""
import argparse
import json

import moto_backup
import moto_ec2_credits
import moto_ec2_images
import moto_rds
from moto.iam.models import IAMBackend
from moto.stepfunctions.responses import StepFunctionResponse


def _validate_state_machine_definition(self):
    # Accept what the provider sends; the project's own tests validate the ASL with asl-validator.
    return json.dumps({"result": "OK", "diagnostics": []})


def _list_state_machine_versions(self):
    return json.dumps({"stateMachineVersions": []})


StepFunctionResponse.validate_state_machine_definition = _validate_state_machine_definition
StepFunctionResponse.list_state_machine_versions = _list_state_machine_versions
moto_backup.install()
moto_ec2_images.install()
moto_ec2_credits.install()
moto_rds.install()


def _roles_snapshot(self):
    # moto serves requests on several threads; `terraform destroy` deletes roles in parallel, and
    # iterating the live dict then fails with "dictionary changed size during iteration" (HTTP 500).
    return list(self.roles.copy().values())


IAMBackend.get_roles = _roles_snapshot


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4566)
    args = parser.parse_args()
    from moto.server import main as moto_main

    moto_main(["-H", args.host, "-p", str(args.port)])


if __name__ == "__main__":
    main()
