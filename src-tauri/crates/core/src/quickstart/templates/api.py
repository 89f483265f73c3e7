"""Validate access tokens for {{AUDIENCE}} in a Flask API.

pip install flask "pyjwt[crypto]"
"""
import os

import jwt
from flask import Flask, jsonify, request

ISSUER = "{{ISSUER}}"
AUDIENCE = "{{AUDIENCE}}"
{{#RS256}}# RS256: keys come from the tenant's JWKS, cached by kid.
jwks = jwt.PyJWKClient("{{JWKS_URL}}", cache_keys=True)


def verify(token):
    key = jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)
{{/RS256}}{{#HS256}}# HS256: the API's signing secret comes from the environment (API_SIGNING_SECRET).


def verify(token):
    secret = os.environ["API_SIGNING_SECRET"]
    return jwt.decode(token, secret, algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER)
{{/HS256}}

app = Flask(__name__)


@app.get("/api/orders")
def orders():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return jsonify(error="missing bearer token"), 401
    try:
        claims = verify(header.removeprefix("Bearer "))
    except jwt.PyJWTError as e:
        return jsonify(error=str(e)), 401
    return jsonify(ok=True, sub=claims["sub"], scope=claims.get("scope", ""))


if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", "3000")))
