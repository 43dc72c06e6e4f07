terraform {
  required_providers {
    eventbridge = {
      source = "registry.terraform.io/eventbridge-rs/eventbridge"
    }
  }
}

# A platform team's hashicorp/aws provider block, copied as it is (only its
# name changed): the account it may touch, the roles it chains through,
# retries and metadata settings. Arguments that mean nothing for EventBridge
# connections (default_tags, ignore_tags) are accepted with a warning.
provider "eventbridge" {
  region              = "eu-central-1"
  allowed_account_ids = ["123456789012"]

  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/platform-hub"
    session_name = "terraform"
    duration     = "1h"
  }

  assume_role {
    role_arn        = "arn:aws:iam::123456789012:role/platform-deploy"
    session_name    = "terraform"
    external_id     = "platform-ci"
    source_identity = "platform-ci"
    tags = {
      team = "platform"
    }
    transitive_tag_keys = ["team"]
  }

  retry_mode              = "adaptive"
  max_retries             = 10
  skip_metadata_api_check = true

  default_tags {
    tags = {
      owner = "platform"
      env   = "prod"
    }
  }

  ignore_tags {
    key_prefixes = ["kubernetes.io/"]
  }
}
