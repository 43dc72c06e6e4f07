# Timeouts: how long to wait for AWS to settle the connection (defaults:
# create 20m, update 20m, delete 5m). An OAuth connection stays AUTHORIZING
# until the authorization endpoint has answered.
resource "eventbridge_connection" "slow_partner" {
  name               = "slow-partner-oauth"
  description        = "Partner whose token endpoint is slow"
  authorization_type = "OAUTH_CLIENT_CREDENTIALS"

  auth_parameters {
    oauth {
      authorization_endpoint = "https://slow.example.com/oauth2/token"
      http_method            = "POST"

      client_parameters {
        client_id     = "slow-partner-client"
        client_secret = "example-slow-client-secret"
      }

      oauth_http_parameters {
        body {
          key   = "grant_type"
          value = "client_credentials"
        }
      }
    }
  }

  timeouts {
    create = "45m"
    update = "45m"
    delete = "10m"
  }
}
