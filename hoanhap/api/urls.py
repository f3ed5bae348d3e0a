from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from hoanhap.api import views
from hoanhap.api.permissions import DescriptionAccess

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("drug-tests", views.DrugTestViewSet, basename="drug-test")
router.register("managements", views.ManagementViewSet, basename="management")
router.register("rehab-episodes", views.EpisodeViewSet, basename="rehab-episode")
router.register("aftercares", views.AftercareViewSet, basename="aftercare")
router.register("screenings", views.ScreeningViewSet, basename="screening")
router.register("support-assignments", views.AssignmentViewSet, basename="support-assignment")
router.register("tips", views.TipViewSet, basename="tip")
router.register("reports", views.ReportViewSet, basename="report")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("plans", views.PlanViewSet, basename="plan")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[DescriptionAccess]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[DescriptionAccess]),
        name="docs",
    ),
]
