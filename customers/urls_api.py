from rest_framework.routers import SimpleRouter

import bankcrm.converters  # noqa: F401  (registers api_id)
from customers.apis import CustomerViewSet

router = SimpleRouter(use_regex_path=False)
router.register("customers", CustomerViewSet, basename="customer")

urlpatterns = router.urls
