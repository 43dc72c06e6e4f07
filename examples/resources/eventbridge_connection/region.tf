# Region per resource: a connection in another Region than the provider's,
# so that one provider manages connections in several Regions. Import it as
# NAME@REGION.
resource "eventbridge_connection" "eu" {
  name               = "crm-api-eu"
  description        = "CRM webhook, European tenant"
  authorization_type = "BASIC"
  region             = "eu-west-1"

  auth_parameters {
    basic {
      username = "crm-eu"
      password = "example-eu-password"
    }
  }
}
