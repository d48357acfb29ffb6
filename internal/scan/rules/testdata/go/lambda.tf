resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      GODEBUG = "tls10server=1" # want "TF-GO-005"
      NOTE    = "removed GODEBUG=tls10server=1" # ok "TF-GO-005"
    }
  }
}

resource "aws_ecs_task_definition" "api" {
  container_definitions = jsonencode([{
    name        = "api"
    environment = [{ name = "GODEBUG", value = "tlsrsakex=1" }] # want "TF-GO-006"
  }])
}
// GODEBUG = "tls10server=1" # ok "TF-GO-005"
