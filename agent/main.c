/* main.c - kubec-agent: the node agent (kubelet and container runtime
 * glue): registers its Node, renews its Lease and runs the pods bound to
 * it as crun containers. */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		printf("usage: kubec-agent --server URL --token TOKEN "
		    "--node-name NAME --data-dir DIR\n");
		return 0;
	}
	fprintf(stderr, "kubec-agent: not ready yet\n");
	return 1;
}
