terraform {
  # 1.6: validation blocks, optional() object attributes with defaults, check blocks.
  required_version = ">= 1.6.0"

  # No provider block in this module: the caller configures the provider (region, credentials,
  # default_tags, endpoints) and passes it; see examples/.
  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Tested with 5.100 (the offline mirror and the emulator tests); 6.x changes
      # resource schemas (aws_region.name, S3 lifecycle defaults) and is not yet tested here.
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}
