#!/usr/bin/env bash
# e2e-certs.sh - X.509 client certificates (kube-apiserver's
# --client-ca-file): kubec-server certificate issue, kubeconfigs with
# client-certificate(-data)/client-key(-data) for kubectl and bin/kubec,
# CN as the user and O as groups under RBAC (and in kubectl auth whoami),
# and 401 for certificates the client CA did not sign, expired ones and
# serving certificates.
. "$(dirname "$0")/lib.sh"
server_start || exit 1
K=$KUBECTL
C=$E2E_TOP/bin/kubec
S=${KUBEC_SERVER:-$E2E_TOP/bin/kubec-server}
D=$E2E_TMP/certs
mkdir -p "$D"
ADMIN=$KUBECONFIG

# --- issuing -----------------------------------------------------------------
ok "certificate issue: alice in devs, with a kubeconfig" \
    "$S" certificate issue --data-dir "$SERVER_DIR" --cn alice --org devs \
    --out "$D/alice" --kubeconfig "$D/alice.kubeconfig"
eq "... says what it wrote" "$(cat "$E2E_TMP/out")" \
    "$D/alice.crt, $D/alice.key: CN=alice O=devs; kubeconfig: $D/alice.kubeconfig"
ok "certificate issue: root in system:masters and devs" \
    "$S" certificate issue --data-dir "$SERVER_DIR" --cn root \
    --org system:masters --org devs --out "$D/root" \
    --kubeconfig "$D/root.kubeconfig"
eq "the subject: O values, then CN" \
    "$(openssl x509 -in "$D/root.crt" -noout -subject)" \
    "subject=O = system:masters, O = devs, CN = root"
match "for TLS client authentication" \
    "$(openssl x509 -in "$D/alice.crt" -noout -ext extendedKeyUsage)" \
    "TLS Web Client Authentication"
eq "the key is private" "$(stat -c %a "$D/alice.key") $(stat -c %a "$D/alice.kubeconfig")" "600 600"
ok "signed by the cluster CA" openssl verify -CAfile "$SERVER_DIR/pki/ca.crt" "$D/alice.crt"
fails "an existing file is not replaced" \
    "$S" certificate issue --data-dir "$SERVER_DIR" --cn alice --out "$D/alice"
match "... and says so" "$(cat "$E2E_TMP/out")" "alice.crt exists"
fails "--cn is required" "$S" certificate issue --data-dir "$SERVER_DIR" --out "$D/x"
fails "no CA in the data dir" "$S" certificate issue --data-dir "$D/none" --cn x --out "$D/x"
match "... named" "$(cat "$E2E_TMP/out")" "none/pki/ca.crt"

# the same certificate by file paths, in a kubeconfig kubectl writes
AF=$D/alice-files.kubeconfig
cp "$ADMIN" "$AF"
$K --kubeconfig "$AF" config set-credentials alice-files \
    --client-certificate="$D/alice.crt" --client-key="$D/alice.key" >/dev/null
$K --kubeconfig "$AF" config set-context files --cluster=kubec \
    --user=alice-files >/dev/null
$K --kubeconfig "$AF" config use-context files >/dev/null
RK="$K --kubeconfig $D/root.kubeconfig"
RC="$C --kubeconfig $D/root.kubeconfig"
AK="$K --kubeconfig $D/alice.kubeconfig"
AC="$C --kubeconfig $D/alice.kubeconfig"
FK="$K --kubeconfig $AF"
FC="$C --kubeconfig $AF"

# --- system:masters ----------------------------------------------------------
match "kubectl: system:masters by certificate lists namespaces" "$($RK get ns 2>&1)" "^NAME +STATUS +AGE"
match "kubec: the same" "$($RC get ns 2>&1)" "^NAME +STATUS +AGE"
eq "kubectl and kubec print the same names" "$($RK get ns -o name 2>&1)" "$($RC get ns -o name 2>&1)"
eq "kubectl: can-i anything" "$($RK auth can-i '*' '*' -A 2>&1)" "yes"
ok "kubectl: and creates" $RK create namespace certs
ok "kubec: and creates" $RC -n certs create configmap made-by-root --from-literal=a=b

# --- who am I (SelfSubjectReview) ---------------------------------------------
eq "kubectl auth whoami: root's CN and O groups" "$($RK auth whoami 2>&1)" \
"ATTRIBUTE   VALUE
Username    root
Groups      [system:masters devs system:authenticated]"
eq "kubectl auth whoami: alice (files)" \
    "$($FK auth whoami -o jsonpath='{.status.userInfo.username} {.status.userInfo.groups}' 2>&1)" \
    'alice ["devs","system:authenticated"]'
eq "kubectl auth whoami: a token user as before" \
    "$($K auth whoami -o jsonpath='{.status.userInfo.username} {.status.userInfo.uid} {.status.userInfo.groups}' 2>&1)" \
    'kubec-admin kubec-admin ["system:masters","system:authenticated"]'
eq "kubectl auth whoami --as: the impersonated user" \
    "$($RK auth whoami --as bob --as-group g1 -o jsonpath='{.status.userInfo.username} {.status.userInfo.groups}' 2>&1)" \
    'bob ["g1","system:authenticated"]'

# --- alice: Forbidden until bound --------------------------------------------
forbid='Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "certs"'
eq "kubectl: alice (data) is Forbidden" "$($AK -n certs get pods 2>&1)" "$forbid"
eq "kubectl: alice (files) is Forbidden" "$($FK -n certs get pods 2>&1)" "$forbid"
eq "kubec: alice (data) prints what kubectl prints" "$($AC -n certs get pods 2>&1)" "$forbid"
eq "kubec: alice (files) too" "$($FC -n certs get pods 2>&1)" "$forbid"
eq "kubectl: can-i says no" "$($AK -n certs auth can-i list pods 2>&1)" "no"
eq "kubectl: alice may see discovery (system:authenticated)" \
    "$($AK auth can-i get /apis 2>&1)" "yes"
ok "kubectl: as alice, discovery works" $AK api-versions

$K create rolebinding devs-view -n certs --clusterrole=view --group=devs >/dev/null
until_ok 10 test "$($AK -n certs auth can-i list pods 2>&1)" = yes
eq "a RoleBinding to the group devs: can-i says yes" "$($AK -n certs auth can-i list pods 2>&1)" "yes"
eq "kubectl: alice lists pods" "$($AK -n certs get pods 2>&1)" "No resources found in certs namespace."
eq "kubec: alice lists pods" "$($AC -n certs get pods 2>&1)" "No resources found in certs namespace."
eq "kubectl (files): alice reads the ConfigMap" \
    "$($FK -n certs get cm made-by-root -o jsonpath='{.data.a}' 2>&1)" "b"
eq "kubec (files): the same" \
    "$($FC -n certs get cm made-by-root -o jsonpath='{.data.a}' 2>&1)" "b"
eq "view does not write" "$($AK -n certs auth can-i create configmaps 2>&1)" "no"
eq "only in its namespace" "$($AK -n default auth can-i list pods 2>&1)" "no"
out=$($AK -n certs create configmap x 2>&1)
eq "kubectl: a write is Forbidden" "$out" \
    'error: failed to create configmap: configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "certs"'
out=$($AC -n certs create configmap x 2>&1)
eq "kubec: the same words" "$out" \
    'error: failed to create configmap: configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "certs"'
$K create clusterrolebinding alice-edit --clusterrole=edit --user=alice >/dev/null
until_ok 10 test "$($AK -n default auth can-i create configmaps 2>&1)" = yes
eq "a ClusterRoleBinding to the user alice: can-i says yes" \
    "$($AK -n default auth can-i create configmaps 2>&1)" "yes"
ok "kubectl: alice creates" $AK -n default create configmap by-alice --from-literal=x=1
ok "kubec: alice creates" $AC -n default create configmap by-alice-2 --from-literal=x=1
$K delete clusterrolebinding alice-edit >/dev/null
until_ok 10 test "$($AK -n default auth can-i create configmaps 2>&1)" = no
eq "the binding gone, so is the grant" "$($AK -n default auth can-i create configmaps 2>&1)" "no"

# --- curl: the server asks for a certificate, does not require one ----------
CA=$SERVER_DIR/pki/ca.crt
eq "curl without a certificate: /version as before" \
    "$(curl -s --cacert "$CA" -o /dev/null -w '%{http_code}' "$SERVER_URL/version")" "200"
eq "curl without a certificate: resources are 401" \
    "$(curl -s --cacert "$CA" -o /dev/null -w '%{http_code}' "$SERVER_URL/api/v1/namespaces")" "401"
eq "curl with alice's certificate: her user in the 403" \
    "$(curl -s --cacert "$CA" --cert "$D/alice.crt" --key "$D/alice.key" "$SERVER_URL/api/v1/namespaces" | jq -r .message)" \
    'namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope'

# --- certificates that do not authenticate -----------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$D/other-ca.key" -out "$D/other-ca.crt" -subj /CN=other-ca \
    -days 30 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$D/mallory.key" -out "$D/mallory.csr" \
    -subj "/O=system:masters/CN=mallory" 2>/dev/null
printf 'extendedKeyUsage=clientAuth\n' >"$D/ext"
openssl x509 -req -in "$D/mallory.csr" -CA "$D/other-ca.crt" \
    -CAkey "$D/other-ca.key" -CAcreateserial -out "$D/mallory.crt" \
    -days 30 -extfile "$D/ext" 2>/dev/null
# an expired one, signed by the cluster CA (its key through openssl first:
# python's cryptography refuses GnuTLS's SEC1 encoding of a short scalar)
openssl pkey -in "$SERVER_DIR/pki/ca.key" -out "$D/ca8.key"
python3 - "$SERVER_DIR/pki/ca.crt" "$D/ca8.key" "$D/old" <<'EOF'
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
ca = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())
cakey = serialization.load_pem_private_key(open(sys.argv[2], 'rb').read(), None)
key = ec.generate_private_key(ec.SECP256R1())
now = datetime.datetime.now(datetime.timezone.utc)
crt = (x509.CertificateBuilder()
    .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'system:masters'),
                             x509.NameAttribute(NameOID.COMMON_NAME, 'old')]))
    .issuer_name(ca.subject).public_key(key.public_key())
    .serial_number(x509.random_serial_number())
    .not_valid_before(now - datetime.timedelta(days=10))
    .not_valid_after(now - datetime.timedelta(days=1))
    .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False)
    .sign(cakey, hashes.SHA256()))
open(sys.argv[3] + '.crt', 'wb').write(crt.public_bytes(serialization.Encoding.PEM))
open(sys.argv[3] + '.key', 'wb').write(key.private_bytes(serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
EOF

# cert_kubeconfig FILE CERT KEY: the server and CA of admin.kubeconfig, the
# certificate and key inline
cert_kubeconfig() {
	cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubec
  cluster:
    server: $SERVER_URL
    certificate-authority-data: $(base64 -w0 <"$SERVER_DIR/pki/ca.crt")
users:
- name: u
  user:
    client-certificate-data: $(base64 -w0 <"$2")
    client-key-data: $(base64 -w0 <"$3")
contexts:
- name: c
  context: {cluster: kubec, user: u}
current-context: c
EOF
}
cp "$SERVER_DIR/pki/server.crt" "$SERVER_DIR/pki/server.key" "$D/"
for b in mallory old server; do
	cert_kubeconfig "$D/$b.kubeconfig" "$D/$b.crt" "$D/$b.key"
done
unauth='error: You must be logged in to the server (Unauthorized)'
for b in mallory old server; do
	case $b in
	mallory) what="another CA's certificate (O=system:masters)" ;;
	old) what="an expired certificate of the cluster CA" ;;
	server) what="the server's own serving certificate (not for clients)" ;;
	esac
	eq "kubectl: $what: 401" "$($K --kubeconfig "$D/$b.kubeconfig" get ns 2>&1)" "$unauth"
	eq "kubec: $what: the same words" "$($C --kubeconfig "$D/$b.kubeconfig" get ns 2>&1)" "$unauth"
	eq "curl: $what: 401 on /version too, as kube-apiserver" \
	    "$(curl -s --cacert "$CA" --cert "$D/$b.crt" --key "$D/$b.key" -o /dev/null -w '%{http_code}' "$SERVER_URL/version")" "401"
done

# --- tokens still work, also beside a certificate ----------------------------
match "kubectl: the admin token as before" "$($K get ns 2>&1)" "^NAME +STATUS +AGE"
match "kubec: the admin token as before" "$($C get ns 2>&1)" "^NAME +STATUS +AGE"
TOK=$(cat "$SERVER_DIR/pki/admin.token")
match "kubectl: a valid token beside another CA's certificate: the token" \
    "$($K --kubeconfig "$D/mallory.kubeconfig" --token "$TOK" get ns 2>&1)" "^NAME +STATUS +AGE"
eq "kubectl: alice's certificate with viewer's token: the token's user" \
    "$($AK --token "$VIEWER_TOKEN" -n certs get pods 2>&1)" \
    'Error from server (Forbidden): pods is forbidden: User "viewer" cannot list resource "pods" in API group "" in the namespace "certs"'
eq "kubectl: an unknown token beside alice's certificate: alice" \
    "$($AK --token nosuchtoken -n certs get pods 2>&1)" "No resources found in certs namespace."
eq "kubectl: an unknown token alone: 401" "$($K --token nosuchtoken get ns 2>&1)" "$unauth"

# --- --client-ca-file --------------------------------------------------------
server_stop
server_start --client-ca-file "$D/other-ca.crt" || exit 1
cert_kubeconfig "$D/mallory.kubeconfig" "$D/mallory.crt" "$D/mallory.key"
cert_kubeconfig "$D/alice.kubeconfig" "$D/alice.crt" "$D/alice.key"
match "--client-ca-file: its certificates authenticate (mallory is a master)" \
    "$($K --kubeconfig "$D/mallory.kubeconfig" get ns 2>&1)" "^NAME +STATUS +AGE"
eq "... and the cluster CA's no longer" "$($AK get ns 2>&1)" "$unauth"
match "... tokens as before" "$($K get ns 2>&1)" "^NAME +STATUS +AGE"
server_stop
printf 'not a certificate\n' >"$D/junk.crt"
fails "--client-ca-file without certificates: the server does not start" \
    timeout 20 "$S" --data-dir "$SERVER_DIR" --listen 127.0.0.1:0 \
    --client-ca-file "$D/junk.crt"
match "... and says why" "$(cat "$E2E_TMP/out")" "client-ca-file .*junk.crt: no PEM certificates"
e2e_done
