# Connectivity parameters: a private API and a private OAuth endpoint inside
# a VPC, reached through VPC Lattice resource configurations. EventBridge
# creates the resource associations and reports their ARNs.
resource "eventbridge_connection" "private" {
  name               = "inventory-private"
  description        = "Inventory API inside the VPC"
  authorization_type = "OAUTH_CLIENT_CREDENTIALS"

  auth_parameters {
    oauth {
      authorization_endpoint = "https://auth.internal.example.com/oauth2/token"
      http_method            = "POST"

      client_parameters {
        client_id     = "inventory"
        client_secret = "example-inventory-secret"
      }

      oauth_http_parameters {
        body {
          key   = "scope"
          value = "inventory.write"
        }
      }
    }

    # The private OAuth endpoint.
    connectivity_parameters {
      resource_parameters {
        resource_configuration_arn = "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0"
      }
    }
  }

  # The private API the connection invokes.
  invocation_connectivity_parameters {
    resource_parameters {
      resource_configuration_arn = "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0fedcba9876543210"
    }
  }
}
