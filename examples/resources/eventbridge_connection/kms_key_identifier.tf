# KMS key identifier: AWS encrypts the connection's secret with a customer
# managed key instead of one it owns (the key policy must let EventBridge
# use it). AWS cannot take a customer key off a connection, so removing the
# argument replaces the connection.
resource "eventbridge_connection" "encrypted" {
  name               = "payments-api"
  description        = "Payments API, secret encrypted with our own key"
  authorization_type = "API_KEY"
  kms_key_identifier = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "example-payments-key"
    }
  }
}
