terraform {
  required_providers {
    eventbridge = {
      source = "registry.terraform.io/eventbridge-rs/eventbridge"
    }
  }
}

# Credentials come from the standard AWS chain (environment, shared files,
# SSO, web identity, instance metadata) unless set here.
provider "eventbridge" {
  region = "us-east-1"

  # A local emulator instead of AWS (or set AWS_ENDPOINT_URL_EVENTBRIDGE):
  # endpoints {
  #   events = "http://127.0.0.1:5000"
  # }
}
