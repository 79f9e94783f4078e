from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from cadenza.web import views
from cadenza.web.views import (
    account_tokens,
    booking_actions,
    booking_calendar,
    booking_calendar_feeds,
    booking_money,
    booking_schedule,
    bookings,
    browse,
    season_plans,
)

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("browse/", browse.browse_index, name="browse"),
    path("browse/people/", browse.browse_people, name="browse-people"),
    path("browse/composers/", browse.browse_composers, name="browse-composers"),
    path("browse/composers/<int:pk>/works/", browse.browse_works, name="browse-works"),
    path("browse/composers/none/works/", browse.browse_works, name="browse-unattributed"),
    path("browse/places/", browse.browse_places, name="browse-places"),
    path("browse/seasons/", browse.browse_series, name="browse-series"),
    path("browse/seasons/<int:pk>/", browse.series_detail, name="series"),
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
    path("bookings/", bookings.bookings_dashboard, name="bookings"),
    path("bookings/engagements/", bookings.engagement_list, name="engagements"),
    path("bookings/engagements/new/", bookings.engagement_new, name="engagement-new"),
    path("bookings/engagements/<int:pk>/", bookings.engagement_detail, name="engagement"),
    path(
        "bookings/engagements/<int:pk>/move/",
        booking_actions.engagement_move_view,
        name="engagement-move",
    ),
    path(
        "bookings/engagements/<int:pk>/holds/",
        booking_actions.engagement_hold_view,
        name="engagement-hold",
    ),
    path(
        "bookings/engagements/<int:pk>/performances/",
        booking_actions.engagement_performance_view,
        name="engagement-performance",
    ),
    path(
        "bookings/engagements/<int:pk>/programme/",
        booking_actions.engagement_programme_view,
        name="engagement-programme",
    ),
    path(
        "bookings/engagements/<int:pk>/details/",
        booking_actions.engagement_details_view,
        name="engagement-details",
    ),
    path(
        "bookings/engagements/<int:pk>/publish/",
        booking_actions.engagement_publish_view,
        name="engagement-publish",
    ),
    path("bookings/holds/<int:pk>/<slug:action>/", booking_actions.hold_action, name="hold-action"),
    # Money, documents and the statement (views/booking_money.py).
    path(
        "bookings/engagements/<int:pk>/deal/",
        booking_money.engagement_deal_view,
        name="engagement-deal",
    ),
    path(
        "bookings/engagements/<int:pk>/expenses/",
        booking_money.engagement_expense_view,
        name="engagement-expense",
    ),
    path(
        "bookings/expenses/<int:pk>/remove/",
        booking_money.expense_remove_view,
        name="expense-remove",
    ),
    path(
        "bookings/engagements/<int:pk>/payments/",
        booking_money.engagement_payment_view,
        name="engagement-payment",
    ),
    path(
        "bookings/engagements/<int:pk>/settlement/",
        booking_money.engagement_settlement_view,
        name="engagement-settlement",
    ),
    path(
        "bookings/engagements/<int:pk>/documents/",
        booking_money.engagement_document_view,
        name="engagement-document",
    ),
    path("bookings/documents/<int:pk>/", booking_money.document_download, name="document"),
    path(
        "bookings/documents/<int:pk>/remove/",
        booking_money.document_remove_view,
        name="document-remove",
    ),
    path("bookings/statement/", booking_money.statement_view, name="statement"),
    # Availability and calendar feeds (views/booking_calendar_feeds.py).
    path(
        "bookings/artists/<int:pk>/availability/",
        booking_calendar_feeds.availability_view,
        name="availability",
    ),
    path(
        "bookings/unavailability/<int:pk>/remove/",
        booking_calendar_feeds.unavailability_remove_view,
        name="unavailability-remove",
    ),
    path("bookings/feeds/", booking_calendar_feeds.feeds_view, name="feeds"),
    path(
        "bookings/feeds/<int:pk>/revoke/",
        booking_calendar_feeds.feed_revoke_view,
        name="feed-revoke",
    ),
    path("feeds/<str:token>.ics", booking_calendar_feeds.feed_view, name="feed"),
    # The schedule of an engagement: calls, travel, hotels, dress (views/booking_schedule.py).
    path(
        "bookings/engagements/<int:pk>/schedule/",
        booking_schedule.engagement_schedule_view,
        name="engagement-schedule",
    ),
    path(
        "bookings/schedule/<int:pk>/remove/",
        booking_schedule.schedule_item_remove_view,
        name="schedule-remove",
    ),
    path(
        "bookings/engagements/<int:pk>/travel/",
        booking_schedule.engagement_travel_view,
        name="engagement-travel",
    ),
    path(
        "bookings/travel/<int:pk>/remove/",
        booking_schedule.travel_leg_remove_view,
        name="travel-remove",
    ),
    path(
        "bookings/engagements/<int:pk>/hotels/",
        booking_schedule.engagement_hotel_view,
        name="engagement-hotel",
    ),
    path(
        "bookings/hotels/<int:pk>/remove/",
        booking_schedule.hotel_stay_remove_view,
        name="hotel-remove",
    ),
    path(
        "bookings/engagements/<int:pk>/dress/",
        booking_schedule.engagement_dress_view,
        name="engagement-dress",
    ),
    # Calendars and day sheets (views/booking_calendar.py).
    path("bookings/calendar/", booking_calendar.calendar_month, name="calendar"),
    path(
        "bookings/calendar/<int:year>/<int:month>/",
        booking_calendar.calendar_month,
        name="calendar-month",
    ),
    path(
        "bookings/calendar/week/<int:year>/<int:month>/<int:day>/",
        booking_calendar.calendar_week,
        name="calendar-week",
    ),
    path(
        "bookings/calendar/list/<int:year>/<int:month>/",
        booking_calendar.calendar_list,
        name="calendar-list",
    ),
    path(
        "bookings/day-sheets/<int:artist_id>/<str:day>/",
        booking_calendar.day_sheet_view,
        name="day-sheet",
    ),
    path(
        "bookings/day-sheets/<int:artist_id>/<str:day>.pdf",
        booking_calendar.day_sheet_pdf_view,
        name="day-sheet-pdf",
    ),
    path("bookings/plans/", season_plans.plans_view, name="season-plans"),
    path("bookings/plans/<int:pk>/", season_plans.plan_view, name="season-plan"),
    path("bookings/plans/<int:pk>/again/", season_plans.plan_again_view, name="season-plan-again"),
    path("bookings/plans/<int:pk>/apply/", season_plans.plan_apply_view, name="season-plan-apply"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The signed-in user's API tokens (views/account_tokens.py; docs/api.md).
    path("account/tokens/", account_tokens.tokens_view, name="account-tokens"),
    path(
        "account/tokens/<str:prefix>/revoke/",
        account_tokens.token_revoke_view,
        name="account-token-revoke",
    ),
]
