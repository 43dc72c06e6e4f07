# A rule on the default bus in the provider's Region, by name:
terraform import eventbridge_rule.orders orders-placed

# On another bus: BUS/NAME; in another Region: add @REGION
terraform import eventbridge_rule.orders payments/payments-failed@eu-west-1

# By its ARN, as the console shows it (bus and Region come from the ARN):
terraform import eventbridge_rule.orders arn:aws:events:eu-west-1:123456789012:rule/payments/payments-failed
