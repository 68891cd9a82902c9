"""OCR page texts written out by hand, shared by the paragraph and article tests."""

from __future__ import annotations

# OCR of a page whose lead's headline and sub-headline span the columns: tesseract set them
# inside the text of a column they span, in mid-sentence (development page p0014)
HEADING_IN_COLUMN = """后疫情时代，招商引资工
作已成为全国各地最重要的工
作之一，各地都在争、都在
跑、都在抢。

要“分秒必争”。只有起
步冲刺、只争朝夕，才能跑在
前面、赢得主动。要牢固树立
“能快就不要慢、能早就不要
晚”的意识，绷紧效率之弦，
上足时间发条，全力跑出招商

看准的事情就要咬住不放

一一四是加强卫星遥感监控和人员巡查

引资“加速度”，努力在招商
战场上抢占先机。
"""
