module "a\400"
