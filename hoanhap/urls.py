from django.urls import include, path

urlpatterns = [
    path("", include("hoanhap.web.urls")),
    path("", include("hoanhap.accounts.urls")),
    path("ho-so/nhap-danh-sach/", include("hoanhap.imports.urls")),
    path("ho-so/", include("hoanhap.people.urls")),
    path("dia-ban/", include("hoanhap.geo.urls")),
    path("nhat-ky/", include("hoanhap.audit.urls")),
    path("quy-dinh/", include("hoanhap.law.urls")),
    path("nghiep-vu/viec-can-lam/", include("hoanhap.inbox.urls")),
    path("nghiep-vu/", include("hoanhap.cases.urls")),
    path("van-ban/", include("hoanhap.documents.urls")),
    path("phong-ngua/", include("hoanhap.prevention.urls")),
    path("giup-do/", include("hoanhap.support.urls")),
    path("tin-bao/", include("hoanhap.hotline.urls")),
    path("cong-thong-tin/", include("hoanhap.portal.urls")),
    path("bao-cao/", include("hoanhap.reports.urls")),
    path("ke-hoach/", include("hoanhap.programs.urls")),
    path("bao-ve-du-lieu/", include("hoanhap.privacy.urls")),
    path("api/", include("hoanhap.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler500 = "hoanhap.web.views.server_error"
