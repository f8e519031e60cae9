# The one Terraform and provider constraint of every module and root in this repository: the
# versions.tf of examples/*, modules/* and modules/member-role/examples/* are links to this file, so
# an upgrade is one change here (then `terraform init -upgrade` in examples/complete, whose lock
# file the other roots link to; terraform/README.md, "Versions").
terraform {
  # 1.6: validation blocks, optional() object attributes with defaults, check blocks.
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Tested with 5.100 (the offline mirror and the emulator tests); 6.x changes
      # resource schemas (aws_region.name, S3 lifecycle defaults) and is not yet tested here.
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}
