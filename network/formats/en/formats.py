"""English as this network writes it: day month year, full month names, 24-hour clock.

Only what differs from Django's ``en`` formats is set; the rest (input formats, separators)
falls back to Django's.
"""
DATE_FORMAT = "j F Y"  # 3 December 2026
DATETIME_FORMAT = "j F Y, H:i"  # 3 December 2026, 14:30
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 3 December
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
