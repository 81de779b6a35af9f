"""Framework adapters for RunAPI callbacks (Flask, Django, Starlette/FastAPI) and shared de-duplication stores (Redis).

Each adapter is framework glue around :class:`runapi.webhooks.Receiver`: it reads the raw body and
headers, answers 400 to a request that is no valid callback, 204 after your handler (or at once
for a duplicate), 503 with ``Retry-After`` while another delivery of the callback is being handled
(never a 2xx before the handling succeeded), and calls your handler with the typed task. Import
only the one you use: each imports its framework.
"""
