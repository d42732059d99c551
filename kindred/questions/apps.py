from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "kindred.questions"
    label = "questions"
    verbose_name = "Ask a coach"

    def ready(self) -> None:
        from kindred.accounts.data_export import register_export
        from kindred.accounts.deletion import register_before_delete
        from kindred.accounts.home import HomeSection, register_home_section
        from kindred.memberships.access import has_active_membership
        from kindred.questions.permissions import is_coach_or_admin
        from kindred.questions.publishing import public_pages_delete_for_member
        from kindred.questions.selectors import export_questions, home_card_context
        from kindred.search.registry import SearchKind, register

        register_export("questions", export_questions)
        register_before_delete("questions", public_pages_delete_for_member)
        register_home_section(
            HomeSection(
                key="questions",
                template="questions/home/card.html",
                order=30,
                is_visible=lambda request: has_active_membership(request.user),
                section_context=home_card_context,
            )
        )
        register_home_section(
            HomeSection(
                key="coach_queue",
                template="questions/home/coach_card.html",
                order=5,
                is_visible=lambda request: is_coach_or_admin(request.user),
            )
        )
        register(
            SearchKind(
                "questions",
                "Questions",
                "questions.QuestionPage",
                "Question",
                category_ids=_question_ids_in,
            )
        )


def _question_ids_in(category: object) -> list[int]:
    from kindred.questions.models import QuestionPage

    return list(QuestionPage.objects.filter(categories=category).values_list("pk", flat=True))
