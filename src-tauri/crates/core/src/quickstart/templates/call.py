"""Get a Machine-to-Machine token for {{AUDIENCE}} and call the API (Python 3, standard library).

The secret comes from the environment: CLIENT_SECRET=... python3 call.py
The token is cached in memory until shortly before it expires (Auth0 counts M2M tokens).
"""
import json
import os
import time
import urllib.parse
import urllib.request

_cache = {"token": None, "expires_at": 0.0}


def get_token():
    if _cache["token"] and _cache["expires_at"] - 60 > time.time():
        return _cache["token"]
    data = urllib.parse.urlencode({
        "grant_type": "client_credentials",
        "client_id": "{{CLIENT_ID}}",
        "client_secret": os.environ["CLIENT_SECRET"],
        "audience": "{{AUDIENCE}}",
    }).encode()
    request = urllib.request.Request("{{TOKEN_URL}}", data=data, method="POST")
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
    _cache.update(token=body["access_token"], expires_at=time.time() + body["expires_in"])
    return _cache["token"]


def call_api(path=""):
    request = urllib.request.Request(os.environ.get("API_URL", "{{AUDIENCE}}") + path)
    request.add_header("Authorization", "Bearer " + get_token())
    with urllib.request.urlopen(request) as response:
        print(response.status, response.read().decode())


if __name__ == "__main__":
    call_api()
    call_api()  # reuses the cached token
