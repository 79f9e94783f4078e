from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from cadenza.web import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("biographies/review/", views.biography_review, name="bio-review"),
    path("people/<int:pk>/", views.agent_detail, name="agent"),
    path("people/<int:pk>/<slug:slug>/", views.agent_detail, name="agent"),
    path("people/<int:pk>/<slug:slug>/biography/", views.agent_biography, name="biography"),
    path("people/<int:pk>/<slug:slug>/press-kit/", views.press_kit, name="press-kit"),
    path("places/<int:pk>/", views.place_detail, name="place"),
    path("places/<int:pk>/<slug:slug>/", views.place_detail, name="place"),
    path("places/<int:pk>/<slug:slug>/history/", views.place_history, name="place-history"),
    path("works/<int:pk>/", views.work_detail, name="work"),
    path("works/<int:pk>/<slug:slug>/", views.work_detail, name="work"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/<slug:slug>/", views.event_detail, name="event"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
