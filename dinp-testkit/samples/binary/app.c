/* Sample for the binary stack: a tiny HTTP server on $PORT; build with gcc -static -O2 -o app app.c */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *p = getenv("PORT");
    int port = p ? atoi(p) : 8080;
    signal(SIGPIPE, SIG_IGN);
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 64) < 0) { perror("listen"); return 1; }
    printf("listening on %d\n", port);
    fflush(stdout);
    const char *body = "hello from binary\n";
    char req[4096], resp[256];
    int n = snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s", strlen(body), body);
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        (void)read(c, req, sizeof req);
        (void)write(c, resp, n);
        close(c);
    }
}
