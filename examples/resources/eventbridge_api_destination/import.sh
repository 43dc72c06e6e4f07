# An API destination in the provider's Region, by name:
terraform import eventbridge_api_destination.orders orders-webhook

# In another Region: NAME@REGION
terraform import eventbridge_api_destination.orders orders-webhook@eu-west-1

# By its ARN, as the console shows it (the Region comes from the ARN):
terraform import eventbridge_api_destination.orders arn:aws:events:eu-west-1:123456789012:api-destination/orders-webhook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
