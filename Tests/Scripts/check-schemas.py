#!/usr/bin/env python3
"""The interface's contract, checked by an outside validator (CI).

Every method that rpc.describe lists with a schema has params and result
schemas that are valid JSON Schema 2020-12 (and, as OpenRPC reads them,
draft 7); every request in Examples/rpc/ has params its method's schema
accepts; and every result those examples get back, and every result of a
demo city's session, is one its method's result schema accepts.

    python3 Tests/Scripts/check-schemas.py [path/to/ltc]
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    from jsonschema import Draft202012Validator, Draft7Validator
except ImportError:
    sys.exit("check-schemas: needs Python's jsonschema (pip install jsonschema)")

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ltc = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "debug", "ltc")
failures = []


def rpc(lines, db=None):
    """The responses, by id, to request lines sent to one ltc rpc process."""
    command = [ltc, "rpc"] + (["--db", db] if db else [])
    run = subprocess.run(command, input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=root, check=True)
    responses = {}
    for line in run.stdout.splitlines():
        for response in (json.loads(line) if line.startswith("[") else [json.loads(line)]):
            responses[response.get("id")] = response
    return responses


describe = rpc(['{"jsonrpc":"2.0","id":1,"method":"rpc.describe"}'])[1]["result"]
methods = {method["name"]: method for method in describe["methods"]}
described = [m for m in methods.values() if "paramsSchema" in m]

for method in described:
    for part in ("paramsSchema", "resultSchema"):
        for validator in (Draft202012Validator, Draft7Validator):
            try:
                validator.check_schema(method[part])
            except Exception as error:  # the schema itself is not valid JSON Schema
                failures.append(f"{method['name']}.{part} is not valid {validator.__name__}: {error}")
    try:
        Draft202012Validator(method["paramsSchema"]).validate(method["example"])
    except Exception as error:
        failures.append(f"{method['name']}: its own example does not match its params schema: {error.message}")

openrpc = json.loads(subprocess.run([ltc, "schema", "--openrpc"], capture_output=True, text=True, check=True, cwd=root).stdout)
if {m["name"] for m in openrpc["methods"]} != {m["name"] for m in described}:
    failures.append("ltc schema --openrpc and rpc.describe list different methods")


def check_result(name, request, response):
    method = methods.get(name)
    if not method or "resultSchema" not in method or "result" not in response:
        return
    errors = list(Draft202012Validator(method["resultSchema"]).iter_errors(response["result"]))
    for error in errors[:3]:
        path = "/".join(str(p) for p in error.absolute_path)
        failures.append(f"{name} result at /{path}: {error.message[:200]} (request {request[:120]})")


examples = 0
for name in sorted(os.listdir(os.path.join(root, "Examples", "rpc"))):
    if not name.endswith(".jsonl"):
        continue
    lines = [line for line in open(os.path.join(root, "Examples", "rpc", name), encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        responses = rpc([line.rstrip("\n") for line in lines], db=os.path.join(folder, "examples.sqlite"))
    for line in lines:
        message = json.loads(line)
        for request in message if isinstance(message, list) else [message]:
            method = methods.get(request.get("method"))
            if not method or "paramsSchema" not in method:
                continue
            examples += 1
            for error in list(Draft202012Validator(method["paramsSchema"]).iter_errors(request.get("params", {})))[:3]:
                failures.append(f"Examples/rpc/{name}: {request['method']} params: {error.message[:200]}")
            if "id" in request and request["id"] in responses:
                check_result(request["method"], line, responses[request["id"]])

# Every method's example, sent to a demo city, answers with a result its schema accepts (or an error).
with tempfile.TemporaryDirectory() as folder:
    db = os.path.join(folder, "demo.sqlite")
    subprocess.run([ltc, "demo", "--db", db], capture_output=True, check=True, cwd=root)
    lines = []
    for index, method in enumerate(described):
        params = dict(method["example"])
        if "actor" in params:
            params["actor"] = "administrator:demo"
        lines.append(json.dumps({"jsonrpc": "2.0", "id": index, "method": method["name"], "params": params}, ensure_ascii=False))
    responses = rpc(lines, db=db)
    answered = 0
    for index, method in enumerate(described):
        response = responses.get(index, {})
        if "result" in response:
            answered += 1
        check_result(method["name"], lines[index], response)

for failure in failures:
    print("check-schemas:", failure, file=sys.stderr)
print(f"check-schemas: {len(described)} methods' schemas valid (2020-12, draft 7); {examples} example requests and "
      f"{answered} results on a demo city checked" + ("" if not failures else f"; {len(failures)} failures"))
sys.exit(1 if failures else 0)
