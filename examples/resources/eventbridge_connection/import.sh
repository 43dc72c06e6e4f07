# A connection in the provider's Region, by name:
terraform import eventbridge_connection.crm crm-api

# A connection in another Region: NAME@REGION
terraform import eventbridge_connection.crm crm-api@eu-west-1
