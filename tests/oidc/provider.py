"""A real OpenID Connect provider for the tests, built on Authlib's server components.

Run as a process of its own (`python -m tests.oidc.provider --port N --client ID:SECRET`),
it speaks what FranceConnect and ProConnect speak: discovery, authorize (code flow, nonce
required), token (client_secret_post or basic), userinfo, JWKS with an RS256 key, end_session.

The authorize endpoint approves at once the person chosen through the control interface
(`POST /control` with JSON), which also switches misbehaviours on, so that the tests can drive
every failure path the relying party must survive:

- `forge_state`: the redirect back carries another `state` than the one received;
- `wrong_nonce`, `expired`, `wrong_audience`, `wrong_issuer`, `bad_signature`: the id_token is
  signed with that defect;
- `userinfo_other_sub`: the userinfo endpoint answers for someone else;
- `token_error`: the token endpoint answers 500;
- `userinfo_bad_signature`: the signed userinfo answer is signed with another key.

With `signed_userinfo` (control), userinfo answers `application/jwt`, as FranceConnect v2 and
ProConnect do.
"""

import argparse
import time
from dataclasses import dataclass, field
from secrets import token_urlsafe
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import grants
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey

MISBEHAVIOURS = {
    "forge_state",
    "wrong_nonce",
    "expired",
    "wrong_audience",
    "wrong_issuer",
    "bad_signature",
    "userinfo_other_sub",
    "token_error",
    "userinfo_bad_signature",
}
KEY_ID = "test-key-1"


@dataclass
class Client:
    client_id: str
    client_secret: str

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return scope

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri.startswith(("http://", "https://"))

    def check_client_secret(self, client_secret):
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method, endpoint):
        return method in {"client_secret_post", "client_secret_basic"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: dict
    nonce: str | None
    acr: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return self.acr

    def get_amr(self):
        return None


class State:
    """What the control interface sets: who logs in, and what goes wrong."""

    def __init__(self):
        self.user = {"sub": "sub-0001", "email": "camille@example.fr", "given_name": "Camille", "family_name": "Martin"}
        self.misbehaviour = ""
        self.signed_userinfo = False
        self.codes: dict[str, AuthorizationCode] = {}
        self.tokens: dict[str, dict] = {}
        self.token_clients: dict[str, str] = {}
        self.used_nonces: set[str] = set()
        self.log: list[dict] = []


def create_app(*, issuer: str, clients: dict[str, Client]) -> Flask:
    app = Flask(__name__)
    state = State()
    key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"})
    # Same key id, another key: the signature cannot verify against the published key.
    impostor = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"})

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", "client_secret_basic"]

        def save_authorization_code(self, code, req):
            nonce = req.payload.data.get("nonce")
            state.used_nonces.add(nonce)
            state.codes[code] = AuthorizationCode(
                code=code,
                client_id=req.client.client_id,
                redirect_uri=req.payload.redirect_uri,
                scope=req.payload.scope,
                user=dict(req.user),
                nonce="a-nonce-the-client-never-sent" if state.misbehaviour == "wrong_nonce" else nonce,
                acr=req.payload.data.get("acr_values"),
            )

        def query_authorization_code(self, code, client):
            found = state.codes.get(code)
            if found and found.client_id == client.client_id:
                return found
            return None

        def delete_authorization_code(self, authorization_code):
            state.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code):
            return authorization_code.user

    class IdToken(OpenIDCode):
        def exists_nonce(self, nonce, req):
            return nonce in state.used_nonces

        def resolve_client_private_key(self, client):
            return impostor if state.misbehaviour == "bad_signature" else key

        def get_client_algorithm(self, client):
            return "RS256"

        def get_encode_header(self, client):
            return {"alg": "RS256", "kid": KEY_ID}

        def get_client_claims(self, client):
            now = int(time.time())
            claims = {"iss": issuer, "aud": [client.client_id], "iat": now, "exp": now + 60}
            if state.misbehaviour == "expired":
                claims.update(iat=now - 3600, exp=now - 1800, auth_time=now - 3600)
            elif state.misbehaviour == "wrong_audience":
                claims["aud"] = ["another-client"]
            elif state.misbehaviour == "wrong_issuer":
                claims["iss"] = "http://issuer.invalid"
            return claims

        def generate_user_info(self, user, scope):
            return UserInfo(sub=user["sub"])

    def query_client(client_id):
        return clients.get(client_id)

    def save_token(token, req):
        state.tokens[token["access_token"]] = dict(req.user)
        state.token_clients[token["access_token"]] = req.client.client_id

    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
    server.register_grant(CodeGrant, [IdToken(require_nonce=True)])

    @app.get("/.well-known/openid-configuration")
    def discovery():
        return jsonify(
            issuer=issuer,
            authorization_endpoint=f"{issuer}/authorize",
            token_endpoint=f"{issuer}/token",
            userinfo_endpoint=f"{issuer}/userinfo",
            jwks_uri=f"{issuer}/jwks",
            end_session_endpoint=f"{issuer}/session/end",
            response_types_supported=["code"],
            subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"],
            userinfo_signing_alg_values_supported=["RS256"],
            token_endpoint_auth_methods_supported=["client_secret_post", "client_secret_basic"],
            scopes_supported=["openid", "email", "given_name", "family_name", "profile"],
        )

    @app.get("/jwks")
    def jwks():
        return jsonify(keys=[key.as_dict(private=False)])

    @app.get("/authorize")
    def authorize():
        state.log.append({"endpoint": "authorize", "args": request.args.to_dict()})
        response = server.create_authorization_response(grant_user=dict(state.user))
        if state.misbehaviour == "forge_state" and response.status_code == 302:
            location = response.headers["Location"]
            location = location.replace(f"state={request.args.get('state')}", "state=forged-state-value")
            response.headers["Location"] = location
        return response

    @app.post("/token")
    def issue_token():
        state.log.append({"endpoint": "token"})
        if state.misbehaviour == "token_error":
            return jsonify(error="server_error"), 500
        return server.create_token_response()

    @app.get("/userinfo")
    def userinfo():
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        user = state.tokens.get(bearer)
        if user is None:
            return jsonify(error="invalid_token"), 401
        if state.misbehaviour == "userinfo_other_sub":
            user = {**user, "sub": "someone-else"}
        if not state.signed_userinfo:
            return jsonify(user)
        client_id = state.token_clients[bearer]
        claims = {**user, "iss": issuer, "aud": client_id}
        signing_key = impostor if state.misbehaviour == "userinfo_bad_signature" else key
        body = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, signing_key)
        return app.response_class(body, mimetype="application/jwt")

    @app.get("/session/end")
    def end_session():
        state.log.append({"endpoint": "end_session", "args": request.args.to_dict()})
        target = request.args.get("post_logout_redirect_uri")
        if not target:
            return "Signed out", 200
        query = urlencode({"state": request.args["state"]}) if request.args.get("state") else ""
        return redirect(f"{target}?{query}" if query else target)

    @app.post("/control")
    def control():
        payload = request.get_json()
        if payload.get("reset"):
            state.log.clear()
        if "user" in payload:
            state.user = payload["user"]
        if "signed_userinfo" in payload:
            state.signed_userinfo = bool(payload["signed_userinfo"])
        if "misbehaviour" in payload:
            if payload["misbehaviour"] and payload["misbehaviour"] not in MISBEHAVIOURS:
                return jsonify(error=f"unknown misbehaviour {payload['misbehaviour']}"), 400
            state.misbehaviour = payload["misbehaviour"]
        return jsonify(ok=True)

    @app.get("/control/log")
    def control_log():
        return jsonify(state.log)

    @app.get("/health")
    def health():
        return "ok"

    return app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client", action="append", required=True, help="CLIENT_ID:SECRET, repeatable")
    args = parser.parse_args()
    issuer = f"http://127.0.0.1:{args.port}"
    clients = {}
    for item in args.client:
        client_id, _, secret = item.partition(":")
        clients[client_id] = Client(client_id, secret)
    app = create_app(issuer=issuer, clients=clients)
    app.secret_key = token_urlsafe(32)
    app.run(host="127.0.0.1", port=args.port, threaded=True)


if __name__ == "__main__":
    main()
