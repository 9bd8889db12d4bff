"""The demo councils of ``seed_demo``: a provincial council modelled on Đồng Tháp and a commune council.

The top of the house: this package may import every app, and no app imports it.
"""
