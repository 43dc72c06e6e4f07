# Invocation HTTP parameters: extra parameters EventBridge adds to every
# invocation of the endpoint.
resource "eventbridge_connection" "invocation" {
  name               = "orders-invocation"
  description        = "Orders API with invocation parameters"
  authorization_type = "BASIC"

  auth_parameters {
    basic {
      username = "orders"
      password = "example-orders-password"
    }

    invocation_http_parameters {
      body {
        key             = "source"
        value           = "eventbridge"
        is_value_secret = false
      }

      body {
        key             = "signing-key"
        value           = "example-signing-key"
        is_value_secret = true
      }

      header {
        key   = "x-tenant"
        value = "acme"
      }

      query_string {
        key             = "api-version"
        value           = "2024-01-01"
        is_value_secret = false
      }
    }
  }
}
