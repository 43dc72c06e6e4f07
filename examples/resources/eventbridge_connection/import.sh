# A connection in the provider's Region, by name:
terraform import eventbridge_connection.api_key crm-api-key

# A connection in another Region: NAME@REGION
terraform import eventbridge_connection.api_key crm-api-key@eu-west-1
