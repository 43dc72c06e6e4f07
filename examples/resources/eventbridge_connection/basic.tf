# Basic authorization: a user name and a password.
resource "eventbridge_connection" "basic" {
  name               = "billing-basic"
  description        = "Billing API, basic authorization"
  authorization_type = "BASIC"

  auth_parameters {
    basic {
      username = "billing-bot"
      password = "example-password"
    }
  }
}
