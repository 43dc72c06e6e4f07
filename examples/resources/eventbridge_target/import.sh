# A target of a rule on the default bus in the provider's Region: RULE/TARGET_ID
terraform import eventbridge_target.orders orders-placed/orders-webhook

# Of a rule on another bus: BUS/RULE/TARGET_ID; in another Region: add @REGION
terraform import eventbridge_target.payments payments/payments-failed/terraform-20261206093000000000000001@eu-west-1
