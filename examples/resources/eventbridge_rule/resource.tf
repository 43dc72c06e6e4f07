# A rule on the default bus: the orders the shop places. Its targets (an API
# destination, a queue) are separate resources.
resource "eventbridge_rule" "orders" {
  name        = "orders-placed"
  description = "Orders placed in the shop"
  event_pattern = jsonencode({
    source        = ["shop.orders"]
    "detail-type" = ["OrderPlaced"]
  })

  tags = {
    team = "orders"
  }
}
