/* test-srv-protobuf.c - unit tests for server/protobuf.c: Kubernetes
 * protobuf request bodies captured from kubectl 1.33 (`kubectl -v=9`
 * prints them) decode to exactly the JSON kubectl would have sent (checked
 * against `kubectl ... --dry-run=client -o json`), plus hand-built bodies
 * for the encoding/json rules and malformed input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../server/protobuf.h"
#include "test.h"

struct capture {
	const char	*name;
	size_t		 len;
	const char	*body;
	const char	*json;
};

static const struct capture captures[] = {
	/* kubectl create namespace x */
	{ "ns", 52,
	    "\x6b\x38\x73\x00\x0a\x0f\x0a\x02\x76\x31\x12\x09\x4e\x61\x6d\x65"
	    "\x73\x70\x61\x63\x65\x12\x19\x0a\x11\x0a\x01\x78\x12\x00\x1a\x00"
	    "\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x00\x1a\x02\x0a\x00"
	    "\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{"
	    "\"creationTimestamp\":null,\"name\":\"x\"},\"spec\":{},\"sta"
	    "tus\":{}}" },
	/* kubectl create configmap cm1 --from-literal=a=1 --from-literal=b=two */
	{ "cm", 66,
	    "\x6b\x38\x73\x00\x0a\x0f\x0a\x02\x76\x31\x12\x09\x43\x6f\x6e\x66"
	    "\x69\x67\x4d\x61\x70\x12\x27\x0a\x13\x0a\x03\x63\x6d\x31\x12\x00"
	    "\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x06\x0a\x01"
	    "\x61\x12\x01\x31\x12\x08\x0a\x01\x62\x12\x03\x74\x77\x6f\x1a\x00"
	    "\x22\x00",
	    "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\",\"b\":\"two\"},"
	    "\"kind\":\"ConfigMap\",\"metadata\":{\"creationTimestamp\":n"
	    "ull,\"name\":\"cm1\"}}" },
	/* kubectl create secret generic s1 --from-literal=user=admin --from-literal=pw=s3cr3t */
	{ "secret", 75,
	    "\x6b\x38\x73\x00\x0a\x0c\x0a\x02\x76\x31\x12\x06\x53\x65\x63\x72"
	    "\x65\x74\x12\x33\x0a\x12\x0a\x02\x73\x31\x12\x00\x1a\x00\x22\x00"
	    "\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x0c\x0a\x02\x70\x77\x12\x06"
	    "\x73\x33\x63\x72\x33\x74\x12\x0d\x0a\x04\x75\x73\x65\x72\x12\x05"
	    "\x61\x64\x6d\x69\x6e\x1a\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"data\":{\"pw\":\"czNjcjN0\",\"user\""
	    ":\"YWRtaW4=\"},\"kind\":\"Secret\",\"metadata\":{\"creationT"
	    "imestamp\":null,\"name\":\"s1\"}}" },
	/* kubectl create secret tls t1 (EC P-256 key) */
	{ "tls", 901,
	    "\x6b\x38\x73\x00\x0a\x0c\x0a\x02\x76\x31\x12\x06\x53\x65\x63\x72"
	    "\x65\x74\x12\xec\x06\x0a\x12\x0a\x02\x74\x31\x12\x00\x1a\x00\x22"
	    "\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\xc2\x04\x0a\x07\x74\x6c"
	    "\x73\x2e\x63\x72\x74\x12\xb6\x04\x2d\x2d\x2d\x2d\x2d\x42\x45\x47"
	    "\x49\x4e\x20\x43\x45\x52\x54\x49\x46\x49\x43\x41\x54\x45\x2d\x2d"
	    "\x2d\x2d\x2d\x0a\x4d\x49\x49\x42\x64\x54\x43\x43\x41\x52\x75\x67"
	    "\x41\x77\x49\x42\x41\x67\x49\x55\x4f\x39\x6a\x77\x5a\x66\x76\x32"
	    "\x57\x4e\x79\x46\x69\x61\x66\x63\x57\x72\x72\x41\x2b\x43\x74\x74"
	    "\x34\x4f\x73\x77\x43\x67\x59\x49\x4b\x6f\x5a\x49\x7a\x6a\x30\x45"
	    "\x41\x77\x49\x77\x0a\x45\x44\x45\x4f\x4d\x41\x77\x47\x41\x31\x55"
	    "\x45\x41\x77\x77\x46\x59\x53\x35\x6a\x62\x32\x30\x77\x48\x68\x63"
	    "\x4e\x4d\x6a\x59\x78\x4d\x54\x49\x31\x4d\x44\x6b\x78\x4e\x44\x41"
	    "\x30\x57\x68\x63\x4e\x4d\x7a\x59\x78\x4d\x54\x49\x79\x4d\x44\x6b"
	    "\x78\x4e\x44\x41\x30\x0a\x57\x6a\x41\x51\x4d\x51\x34\x77\x44\x41"
	    "\x59\x44\x56\x51\x51\x44\x44\x41\x56\x68\x4c\x6d\x4e\x76\x62\x54"
	    "\x42\x5a\x4d\x42\x4d\x47\x42\x79\x71\x47\x53\x4d\x34\x39\x41\x67"
	    "\x45\x47\x43\x43\x71\x47\x53\x4d\x34\x39\x41\x77\x45\x48\x41\x30"
	    "\x49\x41\x42\x4b\x39\x55\x0a\x39\x50\x68\x59\x44\x4e\x33\x54\x52"
	    "\x37\x73\x45\x71\x64\x69\x37\x62\x4c\x57\x76\x75\x73\x33\x30\x46"
	    "\x71\x48\x41\x66\x6a\x6d\x62\x6c\x56\x70\x45\x69\x56\x47\x58\x55"
	    "\x35\x79\x34\x52\x4a\x61\x4d\x4b\x76\x6e\x56\x4f\x39\x77\x69\x2f"
	    "\x6f\x50\x33\x6c\x34\x72\x63\x0a\x46\x4e\x68\x65\x34\x70\x6a\x58"
	    "\x6a\x55\x54\x32\x75\x4f\x67\x58\x6f\x44\x4f\x6a\x55\x7a\x42\x52"
	    "\x4d\x42\x30\x47\x41\x31\x55\x64\x44\x67\x51\x57\x42\x42\x51\x61"
	    "\x72\x39\x38\x73\x4c\x78\x45\x37\x62\x59\x6c\x59\x64\x30\x34\x34"
	    "\x39\x54\x4b\x5a\x64\x53\x35\x4a\x0a\x73\x6a\x41\x66\x42\x67\x4e"
	    "\x56\x48\x53\x4d\x45\x47\x44\x41\x57\x67\x42\x51\x61\x72\x39\x38"
	    "\x73\x4c\x78\x45\x37\x62\x59\x6c\x59\x64\x30\x34\x34\x39\x54\x4b"
	    "\x5a\x64\x53\x35\x4a\x73\x6a\x41\x50\x42\x67\x4e\x56\x48\x52\x4d"
	    "\x42\x41\x66\x38\x45\x42\x54\x41\x44\x0a\x41\x51\x48\x2f\x4d\x41"
	    "\x6f\x47\x43\x43\x71\x47\x53\x4d\x34\x39\x42\x41\x4d\x43\x41\x30"
	    "\x67\x41\x4d\x45\x55\x43\x49\x46\x32\x71\x35\x79\x46\x65\x42\x6b"
	    "\x6a\x63\x66\x79\x65\x37\x41\x73\x6d\x5a\x35\x58\x71\x30\x4b\x52"
	    "\x63\x64\x6c\x57\x55\x6f\x5a\x65\x41\x32\x0a\x62\x6c\x46\x6b\x38"
	    "\x6d\x6e\x41\x41\x69\x45\x41\x6b\x42\x57\x62\x79\x70\x41\x6d\x66"
	    "\x36\x55\x30\x45\x6b\x71\x47\x4d\x72\x64\x57\x67\x67\x6e\x52\x71"
	    "\x55\x6c\x34\x4f\x30\x46\x4e\x47\x79\x30\x49\x61\x64\x75\x41\x36"
	    "\x65\x51\x3d\x0a\x2d\x2d\x2d\x2d\x2d\x45\x4e\x44\x20\x43\x45\x52"
	    "\x54\x49\x46\x49\x43\x41\x54\x45\x2d\x2d\x2d\x2d\x2d\x0a\x12\xfd"
	    "\x01\x0a\x07\x74\x6c\x73\x2e\x6b\x65\x79\x12\xf1\x01\x2d\x2d\x2d"
	    "\x2d\x2d\x42\x45\x47\x49\x4e\x20\x50\x52\x49\x56\x41\x54\x45\x20"
	    "\x4b\x45\x59\x2d\x2d\x2d\x2d\x2d\x0a\x4d\x49\x47\x48\x41\x67\x45"
	    "\x41\x4d\x42\x4d\x47\x42\x79\x71\x47\x53\x4d\x34\x39\x41\x67\x45"
	    "\x47\x43\x43\x71\x47\x53\x4d\x34\x39\x41\x77\x45\x48\x42\x47\x30"
	    "\x77\x61\x77\x49\x42\x41\x51\x51\x67\x65\x7a\x52\x4e\x47\x4c\x56"
	    "\x55\x37\x63\x36\x4b\x55\x2b\x37\x6f\x0a\x57\x71\x50\x4c\x76\x2b"
	    "\x5a\x43\x4f\x53\x33\x46\x58\x47\x36\x4c\x45\x6a\x69\x6a\x4d\x31"
	    "\x2f\x38\x50\x36\x36\x68\x52\x41\x4e\x43\x41\x41\x53\x76\x56\x50"
	    "\x54\x34\x57\x41\x7a\x64\x30\x30\x65\x37\x42\x4b\x6e\x59\x75\x32"
	    "\x79\x31\x72\x37\x72\x4e\x39\x42\x61\x68\x0a\x77\x48\x34\x35\x6d"
	    "\x35\x56\x61\x52\x49\x6c\x52\x6c\x31\x4f\x63\x75\x45\x53\x57\x6a"
	    "\x43\x72\x35\x31\x54\x76\x63\x49\x76\x36\x44\x39\x35\x65\x4b\x33"
	    "\x42\x54\x59\x58\x75\x4b\x59\x31\x34\x31\x45\x39\x72\x6a\x6f\x46"
	    "\x36\x41\x7a\x0a\x2d\x2d\x2d\x2d\x2d\x45\x4e\x44\x20\x50\x52\x49"
	    "\x56\x41\x54\x45\x20\x4b\x45\x59\x2d\x2d\x2d\x2d\x2d\x0a\x1a\x11"
	    "\x6b\x75\x62\x65\x72\x6e\x65\x74\x65\x73\x2e\x69\x6f\x2f\x74\x6c"
	    "\x73\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"data\":{\"tls.crt\":\"LS0tLS1CRUdJT"
	    "iBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkVENDQVJ1Z0F3SUJBZ0lVTzlqd1pmd"
	    "jJXTnlGaWFmY1dyckErQ3R0NE9zd0NnWUlLb1pJemowRUF3SXcKRURFT01Bd"
	    "0dBMVVFQXd3RllTNWpiMjB3SGhjTk1qWXhNVEkxTURreE5EQTBXaGNOTXpZe"
	    "E1USXlNRGt4TkRBMApXakFRTVE0d0RBWURWUVFEREFWaExtTnZiVEJaTUJNR"
	    "0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEEwSUFCSzlVCjlQaFlETjNUUjdzR"
	    "XFkaTdiTFd2dXMzMEZxSEFmam1ibFZwRWlWR1hVNXk0UkphTUt2blZPOXdpL"
	    "29QM2w0cmMKRk5oZTRwalhqVVQydU9nWG9ET2pVekJSTUIwR0ExVWREZ1FXQ"
	    "kJRYXI5OHNMeEU3YllsWWQwNDQ5VEtaZFM1SgpzakFmQmdOVkhTTUVHREFXZ"
	    "0JRYXI5OHNMeEU3YllsWWQwNDQ5VEtaZFM1SnNqQVBCZ05WSFJNQkFmOEVCV"
	    "EFECkFRSC9NQW9HQ0NxR1NNNDlCQU1DQTBnQU1FVUNJRjJxNXlGZUJramNme"
	    "WU3QXNtWjVYcTBLUmNkbFdVb1plQTIKYmxGazhtbkFBaUVBa0JXYnlwQW1mN"
	    "lUwRWtxR01yZFdnZ25ScVVsNE8wRk5HeTBJYWR1QTZlUT0KLS0tLS1FTkQgQ"
	    "0VSVElGSUNBVEUtLS0tLQo=\",\"tls.key\":\"LS0tLS1CRUdJTiBQUklW"
	    "QVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5"
	    "QXdFSEJHMHdhd0lCQVFRZ2V6Uk5HTFZVN2M2S1UrN28KV3FQTHYrWkNPUzNG"
	    "WEc2TEVqaWpNMS84UDY2aFJBTkNBQVN2VlBUNFdBemQwMGU3QktuWXUyeTFy"
	    "N3JOOUJhaAp3SDQ1bTVWYVJJbFJsMU9jdUVTV2pDcjUxVHZjSXY2RDk1ZUsz"
	    "QlRZWHVLWTE0MUU5cmpvRjZBegotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0t"
	    "Cg==\"},\"kind\":\"Secret\",\"metadata\":{\"creationTimestam"
	    "p\":null,\"name\":\"t1\"},\"type\":\"kubernetes.io/tls\"}" },
	/* kubectl create secret docker-registry d1 --docker-server=r.io --docker-username=u --docker-password=p */
	{ "dockerreg", 164,
	    "\x6b\x38\x73\x00\x0a\x0c\x0a\x02\x76\x31\x12\x06\x53\x65\x63\x72"
	    "\x65\x74\x12\x8b\x01\x0a\x12\x0a\x02\x64\x31\x12\x00\x1a\x00\x22"
	    "\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x55\x0a\x11\x2e\x64\x6f"
	    "\x63\x6b\x65\x72\x63\x6f\x6e\x66\x69\x67\x6a\x73\x6f\x6e\x12\x40"
	    "\x7b\x22\x61\x75\x74\x68\x73\x22\x3a\x7b\x22\x72\x2e\x69\x6f\x22"
	    "\x3a\x7b\x22\x75\x73\x65\x72\x6e\x61\x6d\x65\x22\x3a\x22\x75\x22"
	    "\x2c\x22\x70\x61\x73\x73\x77\x6f\x72\x64\x22\x3a\x22\x70\x22\x2c"
	    "\x22\x61\x75\x74\x68\x22\x3a\x22\x64\x54\x70\x77\x22\x7d\x7d\x7d"
	    "\x1a\x1e\x6b\x75\x62\x65\x72\x6e\x65\x74\x65\x73\x2e\x69\x6f\x2f"
	    "\x64\x6f\x63\x6b\x65\x72\x63\x6f\x6e\x66\x69\x67\x6a\x73\x6f\x6e"
	    "\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"data\":{\".dockerconfigjson\":\"eyJ"
	    "hdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCI"
	    "sImF1dGgiOiJkVHB3In19fQ==\"},\"kind\":\"Secret\",\"metadata\""
	    ":{\"creationTimestamp\":null,\"name\":\"d1\"},\"type\":\"kub"
	    "ernetes.io/dockerconfigjson\"}" },
	/* kubectl create serviceaccount sa1 */
	{ "sa", 53,
	    "\x6b\x38\x73\x00\x0a\x14\x0a\x02\x76\x31\x12\x0e\x53\x65\x72\x76"
	    "\x69\x63\x65\x41\x63\x63\x6f\x75\x6e\x74\x12\x15\x0a\x13\x0a\x03"
	    "\x73\x61\x31\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42"
	    "\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadat"
	    "a\":{\"creationTimestamp\":null,\"name\":\"sa1\"}}" },
	/* kubectl create deployment web --image=nginx --replicas=3 --port=80 */
	{ "deploy", 218,
	    "\x6b\x38\x73\x00\x0a\x15\x0a\x07\x61\x70\x70\x73\x2f\x76\x31\x12"
	    "\x0a\x44\x65\x70\x6c\x6f\x79\x6d\x65\x6e\x74\x12\xb8\x01\x0a\x1f"
	    "\x0a\x03\x77\x65\x62\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38"
	    "\x00\x42\x00\x5a\x0a\x0a\x03\x61\x70\x70\x12\x03\x77\x65\x62\x12"
	    "\x86\x01\x08\x03\x12\x0c\x0a\x0a\x0a\x03\x61\x70\x70\x12\x03\x77"
	    "\x65\x62\x1a\x6c\x0a\x1c\x0a\x00\x12\x00\x1a\x00\x22\x00\x2a\x00"
	    "\x32\x00\x38\x00\x42\x00\x5a\x0a\x0a\x03\x61\x70\x70\x12\x03\x77"
	    "\x65\x62\x12\x4c\x12\x2e\x0a\x05\x6e\x67\x69\x6e\x78\x12\x05\x6e"
	    "\x67\x69\x6e\x78\x2a\x00\x32\x0a\x0a\x00\x10\x00\x18\x50\x22\x00"
	    "\x2a\x00\x42\x00\x6a\x00\x72\x00\x80\x01\x00\x88\x01\x00\x90\x01"
	    "\x00\xa2\x01\x00\x1a\x00\x32\x00\x42\x00\x4a\x00\x52\x00\x58\x00"
	    "\x60\x00\x68\x00\x82\x01\x00\x8a\x01\x00\x9a\x01\x00\xc2\x01\x00"
	    "\x22\x02\x0a\x00\x28\x00\x38\x00\x1a\x0c\x08\x00\x10\x00\x18\x00"
	    "\x20\x00\x28\x00\x38\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metada"
	    "ta\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"web\""
	    "},\"name\":\"web\"},\"spec\":{\"replicas\":3,\"selector\":{\""
	    "matchLabels\":{\"app\":\"web\"}},\"strategy\":{},\"template\""
	    ":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app"
	    "\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\","
	    "\"name\":\"nginx\",\"ports\":[{\"containerPort\":80}],\"reso"
	    "urces\":{}}]}}},\"status\":{}}" },
	/* kubectl create job j1 --image=busybox -- echo hi */
	{ "job", 160,
	    "\x6b\x38\x73\x00\x0a\x0f\x0a\x08\x62\x61\x74\x63\x68\x2f\x76\x31"
	    "\x12\x03\x4a\x6f\x62\x12\x84\x01\x0a\x12\x0a\x02\x6a\x31\x12\x00"
	    "\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x64\x32\x62"
	    "\x0a\x10\x0a\x00\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00"
	    "\x42\x00\x12\x4e\x12\x2b\x0a\x02\x6a\x31\x12\x07\x62\x75\x73\x79"
	    "\x62\x6f\x78\x1a\x04\x65\x63\x68\x6f\x1a\x02\x68\x69\x2a\x00\x42"
	    "\x00\x6a\x00\x72\x00\x80\x01\x00\x88\x01\x00\x90\x01\x00\xa2\x01"
	    "\x00\x1a\x05\x4e\x65\x76\x65\x72\x32\x00\x42\x00\x4a\x00\x52\x00"
	    "\x58\x00\x60\x00\x68\x00\x82\x01\x00\x8a\x01\x00\x9a\x01\x00\xc2"
	    "\x01\x00\x1a\x08\x20\x00\x28\x00\x30\x00\x3a\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{"
	    "\"creationTimestamp\":null,\"name\":\"j1\"},\"spec\":{\"temp"
	    "late\":{\"metadata\":{\"creationTimestamp\":null},\"spec\":{"
	    "\"containers\":[{\"command\":[\"echo\",\"hi\"],\"image\":\"b"
	    "usybox\",\"name\":\"j1\",\"resources\":{}}],\"restartPolicy\""
	    ":\"Never\"}}},\"status\":{}}" },
	/* kubectl create cronjob cj1 --image=busybox --schedule='*\/5 * * * *' -- date */
	{ "cronjob", 199,
	    "\x6b\x38\x73\x00\x0a\x13\x0a\x08\x62\x61\x74\x63\x68\x2f\x76\x31"
	    "\x12\x07\x43\x72\x6f\x6e\x4a\x6f\x62\x12\xa7\x01\x0a\x13\x0a\x03"
	    "\x63\x6a\x31\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42"
	    "\x00\x12\x8d\x01\x0a\x0b\x2a\x2f\x35\x20\x2a\x20\x2a\x20\x2a\x20"
	    "\x2a\x1a\x00\x2a\x7c\x0a\x13\x0a\x03\x63\x6a\x31\x12\x00\x1a\x00"
	    "\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x65\x32\x63\x0a\x10"
	    "\x0a\x00\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00"
	    "\x12\x4f\x12\x28\x0a\x03\x63\x6a\x31\x12\x07\x62\x75\x73\x79\x62"
	    "\x6f\x78\x1a\x04\x64\x61\x74\x65\x2a\x00\x42\x00\x6a\x00\x72\x00"
	    "\x80\x01\x00\x88\x01\x00\x90\x01\x00\xa2\x01\x00\x1a\x09\x4f\x6e"
	    "\x46\x61\x69\x6c\x75\x72\x65\x32\x00\x42\x00\x4a\x00\x52\x00\x58"
	    "\x00\x60\x00\x68\x00\x82\x01\x00\x8a\x01\x00\x9a\x01\x00\xc2\x01"
	    "\x00\x1a\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\",\"metadata"
	    "\":{\"creationTimestamp\":null,\"name\":\"cj1\"},\"spec\":{\""
	    "jobTemplate\":{\"metadata\":{\"creationTimestamp\":null,\"na"
	    "me\":\"cj1\"},\"spec\":{\"template\":{\"metadata\":{\"creati"
	    "onTimestamp\":null},\"spec\":{\"containers\":[{\"command\":["
	    "\"date\"],\"image\":\"busybox\",\"name\":\"cj1\",\"resources"
	    "\":{}}],\"restartPolicy\":\"OnFailure\"}}}},\"schedule\":\"*"
	    "/5 * * * *\"},\"status\":{}}" },
	/* kubectl create service clusterip svc1 --tcp=80:8080 */
	{ "svc", 133,
	    "\x6b\x38\x73\x00\x0a\x0d\x0a\x02\x76\x31\x12\x07\x53\x65\x72\x76"
	    "\x69\x63\x65\x12\x6c\x0a\x21\x0a\x04\x73\x76\x63\x31\x12\x00\x1a"
	    "\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x5a\x0b\x0a\x03\x61"
	    "\x70\x70\x12\x04\x73\x76\x63\x31\x12\x43\x0a\x1b\x0a\x07\x38\x30"
	    "\x2d\x38\x30\x38\x30\x12\x03\x54\x43\x50\x18\x50\x22\x07\x08\x00"
	    "\x10\x90\x3f\x1a\x00\x28\x00\x12\x0b\x0a\x03\x61\x70\x70\x12\x04"
	    "\x73\x76\x63\x31\x1a\x00\x22\x09\x43\x6c\x75\x73\x74\x65\x72\x49"
	    "\x50\x3a\x00\x42\x00\x52\x00\x5a\x00\x60\x00\x68\x00\x1a\x02\x0a"
	    "\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\""
	    "creationTimestamp\":null,\"labels\":{\"app\":\"svc1\"},\"nam"
	    "e\":\"svc1\"},\"spec\":{\"ports\":[{\"name\":\"80-8080\",\"p"
	    "ort\":80,\"protocol\":\"TCP\",\"targetPort\":8080}],\"select"
	    "or\":{\"app\":\"svc1\"},\"type\":\"ClusterIP\"},\"status\":{"
	    "\"loadBalancer\":{}}}" },
	/* kubectl create service nodeport np1 --tcp=80:8080 --node-port=30080 */
	{ "svcnp", 131,
	    "\x6b\x38\x73\x00\x0a\x0d\x0a\x02\x76\x31\x12\x07\x53\x65\x72\x76"
	    "\x69\x63\x65\x12\x6a\x0a\x1f\x0a\x03\x6e\x70\x31\x12\x00\x1a\x00"
	    "\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x5a\x0a\x0a\x03\x61\x70"
	    "\x70\x12\x03\x6e\x70\x31\x12\x43\x0a\x1d\x0a\x07\x38\x30\x2d\x38"
	    "\x30\x38\x30\x12\x03\x54\x43\x50\x18\x50\x22\x07\x08\x00\x10\x90"
	    "\x3f\x1a\x00\x28\x80\xeb\x01\x12\x0a\x0a\x03\x61\x70\x70\x12\x03"
	    "\x6e\x70\x31\x1a\x00\x22\x08\x4e\x6f\x64\x65\x50\x6f\x72\x74\x3a"
	    "\x00\x42\x00\x52\x00\x5a\x00\x60\x00\x68\x00\x1a\x02\x0a\x00\x1a"
	    "\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\""
	    "creationTimestamp\":null,\"labels\":{\"app\":\"np1\"},\"name"
	    "\":\"np1\"},\"spec\":{\"ports\":[{\"name\":\"80-8080\",\"nod"
	    "ePort\":30080,\"port\":80,\"protocol\":\"TCP\",\"targetPort\""
	    ":8080}],\"selector\":{\"app\":\"np1\"},\"type\":\"NodePort\""
	    "},\"status\":{\"loadBalancer\":{}}}" },
	/* kubectl create service loadbalancer lb1 --tcp=80:8080 */
	{ "svclb", 133,
	    "\x6b\x38\x73\x00\x0a\x0d\x0a\x02\x76\x31\x12\x07\x53\x65\x72\x76"
	    "\x69\x63\x65\x12\x6c\x0a\x1f\x0a\x03\x6c\x62\x31\x12\x00\x1a\x00"
	    "\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x5a\x0a\x0a\x03\x61\x70"
	    "\x70\x12\x03\x6c\x62\x31\x12\x45\x0a\x1b\x0a\x07\x38\x30\x2d\x38"
	    "\x30\x38\x30\x12\x03\x54\x43\x50\x18\x50\x22\x07\x08\x00\x10\x90"
	    "\x3f\x1a\x00\x28\x00\x12\x0a\x0a\x03\x61\x70\x70\x12\x03\x6c\x62"
	    "\x31\x1a\x00\x22\x0c\x4c\x6f\x61\x64\x42\x61\x6c\x61\x6e\x63\x65"
	    "\x72\x3a\x00\x42\x00\x52\x00\x5a\x00\x60\x00\x68\x00\x1a\x02\x0a"
	    "\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\""
	    "creationTimestamp\":null,\"labels\":{\"app\":\"lb1\"},\"name"
	    "\":\"lb1\"},\"spec\":{\"ports\":[{\"name\":\"80-8080\",\"por"
	    "t\":80,\"protocol\":\"TCP\",\"targetPort\":8080}],\"selector"
	    "\":{\"app\":\"lb1\"},\"type\":\"LoadBalancer\"},\"status\":{"
	    "\"loadBalancer\":{}}}" },
	/* kubectl create service externalname ex1 --external-name=a.com */
	{ "svcext", 109,
	    "\x6b\x38\x73\x00\x0a\x0d\x0a\x02\x76\x31\x12\x07\x53\x65\x72\x76"
	    "\x69\x63\x65\x12\x54\x0a\x1f\x0a\x03\x65\x78\x31\x12\x00\x1a\x00"
	    "\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x5a\x0a\x0a\x03\x61\x70"
	    "\x70\x12\x03\x65\x78\x31\x12\x2d\x12\x0a\x0a\x03\x61\x70\x70\x12"
	    "\x03\x65\x78\x31\x1a\x00\x22\x0c\x45\x78\x74\x65\x72\x6e\x61\x6c"
	    "\x4e\x61\x6d\x65\x3a\x00\x42\x00\x52\x05\x61\x2e\x63\x6f\x6d\x5a"
	    "\x00\x60\x00\x68\x00\x1a\x02\x0a\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\""
	    "creationTimestamp\":null,\"labels\":{\"app\":\"ex1\"},\"name"
	    "\":\"ex1\"},\"spec\":{\"externalName\":\"a.com\",\"selector\""
	    ":{\"app\":\"ex1\"},\"type\":\"ExternalName\"},\"status\":{\""
	    "loadBalancer\":{}}}" },
	/* kubectl create role r1 --verb=get --resource=pods */
	{ "role", 83,
	    "\x6b\x38\x73\x00\x0a\x24\x0a\x1c\x72\x62\x61\x63\x2e\x61\x75\x74"
	    "\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69"
	    "\x6f\x2f\x76\x31\x12\x04\x52\x6f\x6c\x65\x12\x23\x0a\x12\x0a\x02"
	    "\x72\x31\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00"
	    "\x12\x0d\x0a\x03\x67\x65\x74\x12\x00\x1a\x04\x70\x6f\x64\x73\x1a"
	    "\x00\x22\x00",
	    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\""
	    "Role\",\"metadata\":{\"creationTimestamp\":null,\"name\":\"r"
	    "1\"},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\""
	    "],\"verbs\":[\"get\"]}]}" },
	/* kubectl create clusterrole cr1 --verb=get,list --resource=pods,deployments.apps */
	{ "crole", 129,
	    "\x6b\x38\x73\x00\x0a\x2b\x0a\x1c\x72\x62\x61\x63\x2e\x61\x75\x74"
	    "\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69"
	    "\x6f\x2f\x76\x31\x12\x0b\x43\x6c\x75\x73\x74\x65\x72\x52\x6f\x6c"
	    "\x65\x12\x4a\x0a\x13\x0a\x03\x63\x72\x31\x12\x00\x1a\x00\x22\x00"
	    "\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x13\x0a\x03\x67\x65\x74\x0a"
	    "\x04\x6c\x69\x73\x74\x12\x00\x1a\x04\x70\x6f\x64\x73\x12\x1e\x0a"
	    "\x03\x67\x65\x74\x0a\x04\x6c\x69\x73\x74\x12\x04\x61\x70\x70\x73"
	    "\x1a\x0b\x64\x65\x70\x6c\x6f\x79\x6d\x65\x6e\x74\x73\x1a\x00\x22"
	    "\x00",
	    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\""
	    "ClusterRole\",\"metadata\":{\"creationTimestamp\":null,\"nam"
	    "e\":\"cr1\"},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":"
	    "[\"pods\"],\"verbs\":[\"get\",\"list\"]},{\"apiGroups\":[\"a"
	    "pps\"],\"resources\":[\"deployments\"],\"verbs\":[\"get\",\""
	    "list\"]}]}" },
	/* kubectl create rolebinding rb1 --role=r1 --user=bob --serviceaccount=default:sa1 */
	{ "rb", 192,
	    "\x6b\x38\x73\x00\x0a\x2b\x0a\x1c\x72\x62\x61\x63\x2e\x61\x75\x74"
	    "\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69"
	    "\x6f\x2f\x76\x31\x12\x0b\x52\x6f\x6c\x65\x42\x69\x6e\x64\x69\x6e"
	    "\x67\x12\x88\x01\x0a\x13\x0a\x03\x72\x62\x31\x12\x00\x1a\x00\x22"
	    "\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x28\x0a\x04\x55\x73\x65"
	    "\x72\x12\x19\x72\x62\x61\x63\x2e\x61\x75\x74\x68\x6f\x72\x69\x7a"
	    "\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69\x6f\x1a\x03\x62\x6f"
	    "\x62\x22\x00\x12\x20\x0a\x0e\x53\x65\x72\x76\x69\x63\x65\x41\x63"
	    "\x63\x6f\x75\x6e\x74\x12\x00\x1a\x03\x73\x61\x31\x22\x07\x64\x65"
	    "\x66\x61\x75\x6c\x74\x1a\x25\x0a\x19\x72\x62\x61\x63\x2e\x61\x75"
	    "\x74\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e"
	    "\x69\x6f\x12\x04\x52\x6f\x6c\x65\x1a\x02\x72\x31\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\""
	    "RoleBinding\",\"metadata\":{\"creationTimestamp\":null,\"nam"
	    "e\":\"rb1\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization."
	    "k8s.io\",\"kind\":\"Role\",\"name\":\"r1\"},\"subjects\":[{\""
	    "apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"User\",\""
	    "name\":\"bob\"},{\"kind\":\"ServiceAccount\",\"name\":\"sa1\""
	    ",\"namespace\":\"default\"}]}" },
	/* kubectl create clusterrolebinding crb1 --clusterrole=cr1 --user=alice --group=devs */
	{ "crb", 220,
	    "\x6b\x38\x73\x00\x0a\x32\x0a\x1c\x72\x62\x61\x63\x2e\x61\x75\x74"
	    "\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69"
	    "\x6f\x2f\x76\x31\x12\x12\x43\x6c\x75\x73\x74\x65\x72\x52\x6f\x6c"
	    "\x65\x42\x69\x6e\x64\x69\x6e\x67\x12\x9d\x01\x0a\x14\x0a\x04\x63"
	    "\x72\x62\x31\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42"
	    "\x00\x12\x2a\x0a\x04\x55\x73\x65\x72\x12\x19\x72\x62\x61\x63\x2e"
	    "\x61\x75\x74\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38"
	    "\x73\x2e\x69\x6f\x1a\x05\x61\x6c\x69\x63\x65\x22\x00\x12\x2a\x0a"
	    "\x05\x47\x72\x6f\x75\x70\x12\x19\x72\x62\x61\x63\x2e\x61\x75\x74"
	    "\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69"
	    "\x6f\x1a\x04\x64\x65\x76\x73\x22\x00\x1a\x2d\x0a\x19\x72\x62\x61"
	    "\x63\x2e\x61\x75\x74\x68\x6f\x72\x69\x7a\x61\x74\x69\x6f\x6e\x2e"
	    "\x6b\x38\x73\x2e\x69\x6f\x12\x0b\x43\x6c\x75\x73\x74\x65\x72\x52"
	    "\x6f\x6c\x65\x1a\x03\x63\x72\x31\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\""
	    "ClusterRoleBinding\",\"metadata\":{\"creationTimestamp\":nul"
	    "l,\"name\":\"crb1\"},\"roleRef\":{\"apiGroup\":\"rbac.author"
	    "ization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"cr1\"},"
	    "\"subjects\":[{\"apiGroup\":\"rbac.authorization.k8s.io\",\""
	    "kind\":\"User\",\"name\":\"alice\"},{\"apiGroup\":\"rbac.aut"
	    "horization.k8s.io\",\"kind\":\"Group\",\"name\":\"devs\"}]}" },
	/* kubectl create quota q1 --hard=cpu=1,pods=2 */
	{ "quota", 80,
	    "\x6b\x38\x73\x00\x0a\x13\x0a\x02\x76\x31\x12\x0d\x52\x65\x73\x6f"
	    "\x75\x72\x63\x65\x51\x75\x6f\x74\x61\x12\x31\x0a\x12\x0a\x02\x71"
	    "\x31\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12"
	    "\x19\x0a\x0a\x0a\x03\x63\x70\x75\x12\x03\x0a\x01\x31\x0a\x0b\x0a"
	    "\x04\x70\x6f\x64\x73\x12\x03\x0a\x01\x32\x1a\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"v1\",\"kind\":\"ResourceQuota\",\"metadata"
	    "\":{\"creationTimestamp\":null,\"name\":\"q1\"},\"spec\":{\""
	    "hard\":{\"cpu\":\"1\",\"pods\":\"2\"}},\"status\":{}}" },
	/* kubectl create ingress ing1 --rule='a.com/p*=svc:80,tls=sec' */
	{ "ingress", 127,
	    "\x6b\x38\x73\x00\x0a\x1f\x0a\x14\x6e\x65\x74\x77\x6f\x72\x6b\x69"
	    "\x6e\x67\x2e\x6b\x38\x73\x2e\x69\x6f\x2f\x76\x31\x12\x07\x49\x6e"
	    "\x67\x72\x65\x73\x73\x12\x54\x0a\x14\x0a\x04\x69\x6e\x67\x31\x12"
	    "\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x38\x12"
	    "\x0c\x0a\x05\x61\x2e\x63\x6f\x6d\x12\x03\x73\x65\x63\x1a\x28\x0a"
	    "\x05\x61\x2e\x63\x6f\x6d\x12\x1f\x0a\x1d\x0a\x1b\x0a\x02\x2f\x70"
	    "\x12\x0d\x22\x0b\x0a\x03\x73\x76\x63\x12\x04\x0a\x00\x10\x50\x1a"
	    "\x06\x50\x72\x65\x66\x69\x78\x1a\x02\x0a\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\""
	    ",\"metadata\":{\"creationTimestamp\":null,\"name\":\"ing1\"}"
	    ",\"spec\":{\"rules\":[{\"host\":\"a.com\",\"http\":{\"paths\""
	    ":[{\"backend\":{\"service\":{\"name\":\"svc\",\"port\":{\"nu"
	    "mber\":80}}},\"path\":\"/p\",\"pathType\":\"Prefix\"}]}}],\""
	    "tls\":[{\"hosts\":[\"a.com\"],\"secretName\":\"sec\"}]},\"st"
	    "atus\":{\"loadBalancer\":{}}}" },
	/* kubectl create poddisruptionbudget pdb1 --selector=app=a --min-available=1 */
	{ "pdb", 100,
	    "\x6b\x38\x73\x00\x0a\x20\x0a\x09\x70\x6f\x6c\x69\x63\x79\x2f\x76"
	    "\x31\x12\x13\x50\x6f\x64\x44\x69\x73\x72\x75\x70\x74\x69\x6f\x6e"
	    "\x42\x75\x64\x67\x65\x74\x12\x38\x0a\x14\x0a\x04\x70\x64\x62\x31"
	    "\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x14"
	    "\x0a\x06\x08\x00\x10\x01\x1a\x00\x12\x0a\x0a\x08\x0a\x03\x61\x70"
	    "\x70\x12\x01\x61\x1a\x0a\x08\x00\x18\x00\x20\x00\x28\x00\x30\x00"
	    "\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget"
	    "\",\"metadata\":{\"creationTimestamp\":null,\"name\":\"pdb1\""
	    "},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\""
	    ":{\"app\":\"a\"}}},\"status\":{\"currentHealthy\":0,\"desire"
	    "dHealthy\":0,\"disruptionsAllowed\":0,\"expectedPods\":0}}" },
	/* kubectl create priorityclass pc1 --value=1000 --description=hi */
	{ "pc", 101,
	    "\x6b\x38\x73\x00\x0a\x25\x0a\x14\x73\x63\x68\x65\x64\x75\x6c\x69"
	    "\x6e\x67\x2e\x6b\x38\x73\x2e\x69\x6f\x2f\x76\x31\x12\x0d\x50\x72"
	    "\x69\x6f\x72\x69\x74\x79\x43\x6c\x61\x73\x73\x12\x34\x0a\x13\x0a"
	    "\x03\x70\x63\x31\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00"
	    "\x42\x00\x10\xe8\x07\x18\x00\x22\x02\x68\x69\x2a\x14\x50\x72\x65"
	    "\x65\x6d\x70\x74\x4c\x6f\x77\x65\x72\x50\x72\x69\x6f\x72\x69\x74"
	    "\x79\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"scheduling.k8s.io/v1\",\"description\":\"h"
	    "i\",\"kind\":\"PriorityClass\",\"metadata\":{\"creationTimes"
	    "tamp\":null,\"name\":\"pc1\"},\"preemptionPolicy\":\"Preempt"
	    "LowerPriority\",\"value\":1000}" },
	/* kubectl auth can-i create pods -n default */
	{ "cani", 125,
	    "\x6b\x38\x73\x00\x0a\x32\x0a\x17\x61\x75\x74\x68\x6f\x72\x69\x7a"
	    "\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69\x6f\x2f\x76\x31\x12"
	    "\x17\x53\x65\x6c\x66\x53\x75\x62\x6a\x65\x63\x74\x41\x63\x63\x65"
	    "\x73\x73\x52\x65\x76\x69\x65\x77\x12\x3f\x0a\x10\x0a\x00\x12\x00"
	    "\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x21\x0a\x1f"
	    "\x0a\x07\x64\x65\x66\x61\x75\x6c\x74\x12\x06\x63\x72\x65\x61\x74"
	    "\x65\x1a\x00\x22\x00\x2a\x04\x70\x6f\x64\x73\x32\x00\x3a\x00\x1a"
	    "\x08\x08\x00\x12\x00\x1a\x00\x20\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfS"
	    "ubjectAccessReview\",\"metadata\":{\"creationTimestamp\":nul"
	    "l},\"spec\":{\"resourceAttributes\":{\"namespace\":\"default"
	    "\",\"resource\":\"pods\",\"verb\":\"create\"}},\"status\":{\""
	    "allowed\":false}}" },
	/* kubectl auth can-i get /logs */
	{ "cannr", 106,
	    "\x6b\x38\x73\x00\x0a\x32\x0a\x17\x61\x75\x74\x68\x6f\x72\x69\x7a"
	    "\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69\x6f\x2f\x76\x31\x12"
	    "\x17\x53\x65\x6c\x66\x53\x75\x62\x6a\x65\x63\x74\x41\x63\x63\x65"
	    "\x73\x73\x52\x65\x76\x69\x65\x77\x12\x2c\x0a\x10\x0a\x00\x12\x00"
	    "\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x0e\x12\x0c"
	    "\x0a\x05\x2f\x6c\x6f\x67\x73\x12\x03\x67\x65\x74\x1a\x08\x08\x00"
	    "\x12\x00\x1a\x00\x20\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfS"
	    "ubjectAccessReview\",\"metadata\":{\"creationTimestamp\":nul"
	    "l},\"spec\":{\"nonResourceAttributes\":{\"path\":\"/logs\",\""
	    "verb\":\"get\"}},\"status\":{\"allowed\":false}}" },
	/* kubectl auth can-i --list */
	{ "canins", 96,
	    "\x6b\x38\x73\x00\x0a\x31\x0a\x17\x61\x75\x74\x68\x6f\x72\x69\x7a"
	    "\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69\x6f\x2f\x76\x31\x12"
	    "\x16\x53\x65\x6c\x66\x53\x75\x62\x6a\x65\x63\x74\x52\x75\x6c\x65"
	    "\x73\x52\x65\x76\x69\x65\x77\x12\x23\x0a\x10\x0a\x00\x12\x00\x1a"
	    "\x00\x22\x00\x2a\x00\x32\x00\x38\x00\x42\x00\x12\x09\x0a\x07\x64"
	    "\x65\x66\x61\x75\x6c\x74\x1a\x04\x18\x00\x22\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfS"
	    "ubjectRulesReview\",\"metadata\":{\"creationTimestamp\":null"
	    "},\"spec\":{\"namespace\":\"default\"},\"status\":{\"incompl"
	    "ete\":false,\"nonResourceRules\":null,\"resourceRules\":null"
	    "}}" },
	/* kubectl create token default */
	{ "token", 78,
	    "\x6b\x38\x73\x00\x0a\x28\x0a\x18\x61\x75\x74\x68\x65\x6e\x74\x69"
	    "\x63\x61\x74\x69\x6f\x6e\x2e\x6b\x38\x73\x2e\x69\x6f\x2f\x76\x31"
	    "\x12\x0c\x54\x6f\x6b\x65\x6e\x52\x65\x71\x75\x65\x73\x74\x12\x1a"
	    "\x0a\x10\x0a\x00\x12\x00\x1a\x00\x22\x00\x2a\x00\x32\x00\x38\x00"
	    "\x42\x00\x12\x00\x1a\x04\x0a\x00\x12\x00\x1a\x00\x22\x00",
	    "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"Toke"
	    "nRequest\",\"metadata\":{\"creationTimestamp\":null},\"spec\""
	    ":{\"audiences\":null,\"boundObjectRef\":null,\"expirationSec"
	    "onds\":null},\"status\":{\"expirationTimestamp\":null,\"toke"
	    "n\":\"\"}}" },
};

#define NCAPTURES	(sizeof captures / sizeof captures[0])

/* The decoded body as sorted compact JSON (caller frees), or NULL. */
static char *
decode_str(const void *data, size_t len, struct err *err)
{
	json_t	*j;
	char	*s;

	err_clear(err);
	if ((j = protobuf_decode(data, len, err)) == NULL)
		return NULL;
	s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	return s;
}

static void
test_captures(void)
{
	struct err	 err;
	size_t		 i;
	char		*s;

	for (i = 0; i < NCAPTURES; i++) {
		s = decode_str(captures[i].body, captures[i].len, &err);
		if (s == NULL)
			printf("#   %s: %s\n", captures[i].name, err.msg);
		CHECK_STR(s, captures[i].json);
		free(s);
	}
}

/* Every prefix and every single-byte corruption: no crash, and a failure
 * is always a BadRequest with a message. */
static void
test_truncated_and_corrupt(void)
{
	static const uint8_t	 vals[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
	struct err		 err;
	uint8_t			*b;
	size_t			 i, n, k;
	char			*s;
	int			 bad = 0;

	for (i = 0; i < NCAPTURES; i++) {
		b = malloc(captures[i].len);
		for (n = 0; n < captures[i].len; n++) {
			memcpy(b, captures[i].body, n);
			s = decode_str(b, n, &err);
			if (s == NULL && (err.reason != ERR_BAD_REQUEST ||
			    err.msg[0] == '\0'))
				bad++;
			/* Cutting into raw or typeMeta must fail. */
			if (n < 8 && s != NULL)
				bad++;
			free(s);
		}
		for (n = 0; n < captures[i].len; n++) {
			for (k = 0; k < sizeof vals; k++) {
				memcpy(b, captures[i].body, captures[i].len);
				b[n] = vals[k];
				s = decode_str(b, captures[i].len, &err);
				if (s == NULL && err.msg[0] == '\0')
					bad++;
				free(s);
			}
		}
		free(b);
	}
	CHECK_INT(bad, 0);
}

/* A tiny protobuf writer for hand-built bodies. */
static void
pbw_varint(struct buf *b, uint64_t v)
{
	while (v >= 0x80) {
		buf_addc(b, (char)(v | 0x80));
		v >>= 7;
	}
	buf_addc(b, (char)v);
}

static void
pbw_int(struct buf *b, uint32_t num, uint64_t v)
{
	pbw_varint(b, (uint64_t)num << 3);
	pbw_varint(b, v);
}

static void
pbw_bytes(struct buf *b, uint32_t num, const void *d, size_t len)
{
	pbw_varint(b, (uint64_t)num << 3 | 2);
	pbw_varint(b, len);
	buf_add(b, d, len);
}

static void
pbw_str(struct buf *b, uint32_t num, const char *s)
{
	pbw_bytes(b, num, s, strlen(s));
}

/* Adds sub as a message field and empties it. */
static void
pbw_msg(struct buf *b, uint32_t num, struct buf *sub)
{
	pbw_bytes(b, num, buf_str(sub), sub->len);
	buf_reset(sub);
}

/* "k8s\0" + runtime.Unknown around raw; returns the body in out. */
static void
pbw_envelope(struct buf *out, const char *apiversion, const char *kind,
    struct buf *raw)
{
	struct buf	 tm = BUF_INIT(BUF_CAP_DEFAULT);

	buf_add(out, "k8s", 4);
	pbw_str(&tm, 1, apiversion);
	pbw_str(&tm, 2, kind);
	pbw_msg(out, 1, &tm);
	pbw_msg(out, 2, raw);
	pbw_str(out, 3, "");
	pbw_str(out, 4, "");
	buf_release(&tm);
}

static char *
decode_buf(struct buf *b, struct err *err)
{
	return decode_str(buf_str(b), b->len, err);
}

/* Pointers keep zero values, omitempty drops them, unknown fields are
 * skipped, absent structs print their empty form. */
static void
test_deployment_rules(void)
{
	struct buf	 out = BUF_INIT(BUF_CAP_DEFAULT), raw = BUF_INIT(
			    BUF_CAP_DEFAULT), spec = BUF_INIT(BUF_CAP_DEFAULT),
			 meta = BUF_INIT(BUF_CAP_DEFAULT);
	struct err	 err;
	char		*s;

	pbw_str(&meta, 1, "d");
	pbw_str(&meta, 3, "");			/* namespace "" */
	pbw_int(&meta, 7, 0);			/* generation 0 */
	pbw_bytes(&meta, 8, "", 0);		/* creationTimestamp zero */
	pbw_msg(&raw, 1, &meta);
	pbw_int(&spec, 1, 0);			/* replicas: *int32 = 0 */
	pbw_int(&spec, 5, 0);			/* minReadySeconds 0 */
	pbw_int(&spec, 7, 0);			/* paused false */
	pbw_int(&spec, 999, 5);			/* unknown varint */
	pbw_str(&spec, 998, "x");		/* unknown bytes */
	pbw_varint(&spec, 997 << 3 | 1);	/* unknown fixed64 */
	buf_add(&spec, "12345678", 8);
	pbw_varint(&spec, 996 << 3 | 5);	/* unknown fixed32 */
	buf_add(&spec, "1234", 4);
	pbw_msg(&raw, 2, &spec);
	pbw_envelope(&out, "apps/v1", "Deployment", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
	    "\"metadata\":{\"creationTimestamp\":null,\"name\":\"d\"},"
	    "\"spec\":{\"replicas\":0,\"selector\":null,\"strategy\":{},"
	    "\"template\":{\"metadata\":{\"creationTimestamp\":null},"
	    "\"spec\":{\"containers\":null}}},\"status\":{}}");
	free(s);
	buf_release(&out);
	buf_release(&raw);
	buf_release(&spec);
	buf_release(&meta);
}

/* A pod with volumes (inlined VolumeSource), probes (inlined
 * ProbeHandler), IntOrString, quantities, times, packed and unpacked
 * repeated int64. */
static void
test_pod(void)
{
	struct buf	 out = BUF_INIT(BUF_CAP_DEFAULT), raw = BUF_INIT(
			    BUF_CAP_DEFAULT), spec = BUF_INIT(BUF_CAP_DEFAULT),
			 a = BUF_INIT(BUF_CAP_DEFAULT), b = BUF_INIT(
			    BUF_CAP_DEFAULT), c = BUF_INIT(BUF_CAP_DEFAULT);
	struct err	 err;
	char		*s;

	/* metadata: name, creationTimestamp, labels */
	pbw_str(&a, 1, "p");
	pbw_int(&b, 1, 1700000000);
	pbw_int(&b, 2, 5);			/* nanos dropped for Time */
	pbw_msg(&a, 8, &b);
	pbw_str(&b, 1, "app");
	pbw_str(&b, 2, "web");
	pbw_msg(&a, 11, &b);
	pbw_str(&b, 1, "bin");
	pbw_str(&b, 2, "a\xff" "b");		/* invalid UTF-8 */
	pbw_msg(&a, 11, &b);
	pbw_msg(&raw, 1, &a);
	/* volumes: emptyDir with sizeLimit, hostPath */
	pbw_str(&a, 1, "cache");
	pbw_str(&c, 1, "1024Mi");
	pbw_msg(&b, 2, &c);			/* EmptyDir.sizeLimit */
	pbw_str(&b, 1, "");			/* medium "" */
	pbw_msg(&c, 2, &b);			/* VolumeSource.emptyDir */
	pbw_msg(&a, 2, &c);			/* Volume.volumeSource */
	pbw_msg(&spec, 1, &a);
	pbw_str(&a, 1, "host");
	pbw_str(&b, 1, "/data");
	pbw_msg(&c, 1, &b);			/* hostPath */
	pbw_msg(&a, 2, &c);
	pbw_msg(&spec, 1, &a);
	/* container: name, image, resources.limits cpu=1000m, probe */
	pbw_str(&a, 1, "c");
	pbw_str(&a, 2, "nginx");
	pbw_str(&c, 1, "1000m");
	pbw_str(&b, 1, "cpu");
	pbw_msg(&b, 2, &c);
	pbw_msg(&c, 1, &b);			/* limits entry */
	pbw_msg(&a, 8, &c);			/* resources */
	pbw_str(&b, 1, "/healthz");
	{
		struct buf	 ios = BUF_INIT(BUF_CAP_DEFAULT);
		struct buf	 h = BUF_INIT(BUF_CAP_DEFAULT);

		pbw_int(&ios, 1, 1);
		pbw_str(&ios, 3, "http");
		pbw_msg(&b, 2, &ios);		/* port "http" */
		pbw_msg(&h, 2, &b);		/* ProbeHandler.httpGet */
		pbw_msg(&c, 1, &h);		/* Probe.handler */
		pbw_int(&c, 2, 0);		/* initialDelaySeconds 0 */
		pbw_int(&c, 4, 10);		/* periodSeconds */
		pbw_msg(&a, 10, &c);		/* livenessProbe */
		buf_release(&ios);
		buf_release(&h);
	}
	pbw_msg(&spec, 2, &a);
	/* securityContext: supplementalGroups unpacked 1, packed 2 3 */
	pbw_int(&b, 4, 1);
	pbw_varint(&c, 2);
	pbw_varint(&c, 3);
	pbw_msg(&b, 4, &c);
	pbw_int(&b, 2, 0);			/* runAsUser: *int64 0 */
	pbw_msg(&spec, 14, &b);
	pbw_msg(&raw, 2, &spec);
	pbw_envelope(&out, "v1", "Pod", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{"
	    "\"creationTimestamp\":\"2023-11-14T22:13:20Z\",\"labels\":{"
	    "\"app\":\"web\",\"bin\":\"a\xef\xbf\xbd" "b\"},\"name\":\"p\"},"
	    "\"spec\":{\"containers\":[{\"image\":\"nginx\","
	    "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\","
	    "\"port\":\"http\"},"
	    "\"periodSeconds\":10},\"name\":\"c\",\"resources\":{"
	    "\"limits\":{\"cpu\":\"1\"}}}],\"securityContext\":{"
	    "\"runAsUser\":0,\"supplementalGroups\":[1,2,3]},"
	    "\"volumes\":[{\"emptyDir\":{\"sizeLimit\":\"1Gi\"},"
	    "\"name\":\"cache\"},{\"hostPath\":{\"path\":\"/data\"},"
	    "\"name\":\"host\"}]},\"status\":{}}");
	free(s);
	buf_release(&out);
	buf_release(&raw);
	buf_release(&spec);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

/* MicroTime, bytes maps, int-typed IntOrString, Eviction's DeleteOptions. */
static void
test_misc_types(void)
{
	struct buf	 out = BUF_INIT(BUF_CAP_DEFAULT), raw = BUF_INIT(
			    BUF_CAP_DEFAULT), a = BUF_INIT(BUF_CAP_DEFAULT),
			 b = BUF_INIT(BUF_CAP_DEFAULT);
	struct err	 err;
	char		*s;

	pbw_int(&b, 1, 1700000000);
	pbw_int(&b, 2, 123456789);
	pbw_msg(&a, 4, &b);			/* renewTime */
	pbw_int(&a, 5, 0);			/* leaseTransitions *int32 0 */
	pbw_msg(&raw, 2, &a);
	pbw_envelope(&out, "coordination.k8s.io/v1", "Lease", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"coordination.k8s.io/v1\","
	    "\"kind\":\"Lease\",\"metadata\":{\"creationTimestamp\":null},"
	    "\"spec\":{\"leaseTransitions\":0,"
	    "\"renewTime\":\"2023-11-14T22:13:20.123456Z\"}}");
	free(s);
	buf_reset(&out);

	pbw_str(&b, 1, "k");
	pbw_bytes(&b, 2, "\x00\x01\xfe\xff", 4);
	pbw_msg(&raw, 2, &b);
	pbw_str(&b, 1, "empty");
	pbw_msg(&raw, 2, &b);			/* no value: "" */
	pbw_str(&raw, 3, "Opaque");
	pbw_envelope(&out, "v1", "Secret", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"v1\",\"data\":{\"empty\":\"\","
	    "\"k\":\"AAH+/w==\"},\"kind\":\"Secret\",\"metadata\":{"
	    "\"creationTimestamp\":null},\"type\":\"Opaque\"}");
	free(s);
	buf_reset(&out);

	/* Eviction with deleteOptions.gracePeriodSeconds 0 and a uid
	 * precondition. */
	pbw_str(&a, 1, "p");
	pbw_str(&a, 3, "default");
	pbw_msg(&raw, 1, &a);
	pbw_int(&a, 1, 0);
	pbw_str(&b, 1, "u-1");
	pbw_msg(&a, 2, &b);
	pbw_msg(&raw, 2, &a);
	pbw_envelope(&out, "policy/v1", "Eviction", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"policy/v1\",\"deleteOptions\":{"
	    "\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"u-1\"}},"
	    "\"kind\":\"Eviction\",\"metadata\":{\"creationTimestamp\":null,"
	    "\"name\":\"p\",\"namespace\":\"default\"}}");
	free(s);
	buf_reset(&out);

	/* DeleteOptions sent on its own, in any group. */
	pbw_str(&raw, 4, "Foreground");
	pbw_envelope(&out, "apps/v1", "DeleteOptions", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"apps/v1\",\"kind\":\"DeleteOptions\","
	    "\"propagationPolicy\":\"Foreground\"}");
	free(s);
	buf_reset(&out);

	/* ServicePort targetPort as a number; nodePort 0 dropped. */
	pbw_int(&b, 3, 80);
	pbw_int(&b, 5, 0);
	pbw_int(&a, 2, 8080);
	pbw_msg(&b, 4, &a);
	pbw_msg(&a, 1, &b);
	pbw_msg(&raw, 2, &a);
	pbw_envelope(&out, "v1", "Service", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
	    "{\"creationTimestamp\":null},\"spec\":{\"ports\":[{\"port\":80,"
	    "\"targetPort\":8080}]},\"status\":{\"loadBalancer\":{}}}");
	free(s);
	buf_release(&out);
	buf_release(&raw);
	buf_release(&a);
	buf_release(&b);
}

static void
test_errors(void)
{
	struct buf	 out = BUF_INIT(BUF_CAP_DEFAULT), raw = BUF_INIT(
			    BUF_CAP_DEFAULT), a = BUF_INIT(BUF_CAP_DEFAULT),
			 spec = BUF_INIT(BUF_CAP_DEFAULT);
	struct err	 err;
	char		*s;
	int		 i;

	s = decode_str("{\"kind\":\"Pod\"}", 14, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK_STR(err.msg, "provided data does not appear to be a protobuf "
	    "message, expected prefix [107 56 115 0]");

	pbw_envelope(&out, "apps/v1", "Foo", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_UNSUPPORTED_MEDIA);
	CHECK(strstr(err.msg, "unknown protobuf type apps/v1 Foo") != NULL);
	buf_reset(&out);

	/* Not a top-level kind; unknown group. */
	pbw_envelope(&out, "v1", "PodSpec", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_UNSUPPORTED_MEDIA);
	buf_reset(&out);
	pbw_envelope(&out, "example.com/v1", "Pod", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_UNSUPPORTED_MEDIA);
	buf_reset(&out);

	/* Missing kind. */
	buf_add(&out, "k8s", 4);
	pbw_str(&a, 1, "v1");
	pbw_msg(&out, 1, &a);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	buf_reset(&out);

	/* A known string field sent as a varint. */
	pbw_int(&raw, 3, 1);
	pbw_envelope(&out, "v1", "Secret", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	buf_reset(&out);

	/* An 11-byte varint. */
	pbw_varint(&raw, 7 << 3);
	for (i = 0; i < 10; i++)
		buf_addc(&raw, (char)0xff);
	buf_addc(&raw, 1);
	pbw_envelope(&out, "v1", "ConfigMap", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	buf_reset(&out);

	/* A group (wire type 3) is not accepted. */
	pbw_varint(&raw, 9 << 3 | 3);
	pbw_envelope(&out, "v1", "ConfigMap", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	buf_reset(&out);

	/* Impossible IntOrString type (spec.minAvailable). */
	pbw_int(&a, 1, 2);
	pbw_msg(&spec, 1, &a);
	pbw_msg(&raw, 2, &spec);
	pbw_envelope(&out, "policy/v1", "PodDisruptionBudget", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_STR(err.msg, "unable to decode protobuf body: impossible "
	    "IntOrString.Type");
	buf_reset(&out);

	/* A malformed quantity (spec.hard["cpu"]). */
	pbw_str(&a, 1, "1x");
	pbw_str(&spec, 1, "cpu");
	pbw_msg(&spec, 2, &a);
	pbw_msg(&a, 1, &spec);
	pbw_msg(&raw, 2, &a);
	pbw_envelope(&out, "v1", "ResourceQuota", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK_STR(err.msg, "unable to decode protobuf body: quantity \"1x\": "
	    "quantities must match the regular expression "
	    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
	buf_reset(&out);

	/* A RawExtension (ControllerRevision.data) that is not JSON, then
	 * one that is. */
	pbw_str(&a, 1, "{not json");
	pbw_msg(&raw, 2, &a);
	pbw_envelope(&out, "apps/v1", "ControllerRevision", &raw);
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	buf_reset(&out);
	pbw_str(&a, 1, "{\"spec\":[1,true]}");
	pbw_msg(&raw, 2, &a);
	pbw_int(&raw, 3, 2);
	pbw_envelope(&out, "apps/v1", "ControllerRevision", &raw);
	s = decode_buf(&out, &err);
	CHECK_STR(s, "{\"apiVersion\":\"apps/v1\",\"data\":{\"spec\":"
	    "[1,true]},\"kind\":\"ControllerRevision\",\"metadata\":{"
	    "\"creationTimestamp\":null},\"revision\":2}");
	free(s);
	buf_reset(&out);

	/* A content encoding is not supported. */
	buf_add(&out, "k8s", 4);
	pbw_str(&a, 1, "v1");
	pbw_str(&a, 2, "ConfigMap");
	pbw_msg(&out, 1, &a);
	pbw_str(&out, 3, "gzip");
	s = decode_buf(&out, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_UNSUPPORTED_MEDIA);
	buf_reset(&out);

	/* A budget: 100000 empty volumeClaimTemplates expand too much. */
	{
		for (i = 0; i < 100000; i++)
			pbw_bytes(&spec, 4, "", 0);
		pbw_msg(&raw, 2, &spec);
		pbw_envelope(&out, "apps/v1", "StatefulSet", &raw);
		s = decode_buf(&out, &err);
		CHECK(s == NULL);
		CHECK_INT(err.reason, ERR_BAD_REQUEST);
	}
	buf_release(&spec);
	buf_release(&out);
	buf_release(&raw);
	buf_release(&a);
}

static void
test_media_type(void)
{
	CHECK_INT(protobuf_is_media_type("application/vnd.kubernetes.protobuf"),
	    1);
	CHECK_INT(protobuf_is_media_type(
	    "application/vnd.kubernetes.protobuf; charset=utf-8"), 1);
	CHECK_INT(protobuf_is_media_type(
	    "application/vnd.kubernetes.protobuf;stream=watch"), 1);
	CHECK_INT(protobuf_is_media_type("application/json"), 0);
	CHECK_INT(protobuf_is_media_type(
	    "application/vnd.kubernetes.protobufx"), 0);
	CHECK_INT(protobuf_is_media_type(NULL), 0);
}

int
main(void)
{
	RUN(test_captures);
	RUN(test_truncated_and_corrupt);
	RUN(test_deployment_rules);
	RUN(test_pod);
	RUN(test_misc_types);
	RUN(test_errors);
	RUN(test_media_type);
	return TEST_EXIT();
}
