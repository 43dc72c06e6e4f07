# OAuth client credentials: EventBridge gets a token from the authorization
# endpoint, with extra parameters for the token request.
resource "eventbridge_connection" "oauth" {
  name               = "partner-oauth"
  description        = "Partner API, OAuth client credentials"
  authorization_type = "OAUTH_CLIENT_CREDENTIALS"

  auth_parameters {
    oauth {
      authorization_endpoint = "https://auth.example.com/oauth2/token"
      http_method            = "POST"

      client_parameters {
        client_id     = "partner-client"
        client_secret = "example-client-secret"
      }

      oauth_http_parameters {
        body {
          key             = "scope"
          value           = "events.write"
          is_value_secret = false
        }

        header {
          key             = "x-partner-tenant"
          value           = "acme"
          is_value_secret = true
        }

        query_string {
          key   = "audience"
          value = "partner-api"
        }
      }
    }
  }
}
