# Surveys, rollups and dashboards arrive with their own issue.
