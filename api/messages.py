"""Validation errors in Vietnamese, so the operator reads what to fix next to the field."""

from typing import Any

TEMPLATES: dict[str, str] = {
    "missing": "bắt buộc phải nhập",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_too_long": "tối đa {max_length} ký tự",
    "string_pattern_mismatch": "không đúng định dạng",
    "string_type": "phải là chuỗi ký tự",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_parsing": "phải là có/không",
    "bool_type": "phải là có/không",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "enum": "phải là một trong: {expected}",
    "literal_error": "phải là một trong: {expected}",
    "date_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_type": "ngày không hợp lệ",
    "time_parsing": "giờ không hợp lệ (dạng HH:MM)",
    "time_type": "giờ không hợp lệ",
    "datetime_parsing": "thời điểm không hợp lệ",
    "datetime_from_date_parsing": "thời điểm không hợp lệ",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một đối tượng",
    "model_attributes_type": "phải là một đối tượng",
    "model_type": "phải là một đối tượng",
    "too_short": "phải có ít nhất {min_length} phần tử",
    "too_long": "tối đa {max_length} phần tử",
    "json_invalid": "JSON không hợp lệ",
    "extra_forbidden": "trường không được phép",
    "int_too_big": "số quá lớn",
    "finite_number": "phải là số hữu hạn",
    "uuid_parsing": "mã không hợp lệ",
}


def vietnamese(error: dict[str, Any]) -> str:
    """The Vietnamese message of one pydantic error (custom messages pass through)."""
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    if kind in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    template = TEMPLATES.get(kind)
    if template is None:
        return message
    context = {key: _shown(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return message


def _shown(value: Any) -> str:
    return str(value).replace("'", "")
