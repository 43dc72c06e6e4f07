# A schedule, with a generated name: schedules run on the default bus only.
resource "eventbridge_rule" "nightly" {
  name_prefix         = "nightly-"
  description         = "Every night at 03:00 UTC"
  schedule_expression = "cron(0 3 * * ? *)"
}
