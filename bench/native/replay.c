/*
 * The native side of `heaplab bench`: replays a malloc-lab trace (a ID SIZE, f ID, r ID SIZE; f -1 frees NULL)
 * with the C library's malloc, realloc and free, best of N runs, and prints "native replay <ops per second> ops/s".
 * Each run ends by freeing what the trace left (not timed). Build: cc -O2 -o replay replay.c
 * Usage: replay TRACE.rep [runs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
typedef struct { char op; int id; long size; } Op;
int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "r");
    int repeat = argc > 2 ? atoi(argv[2]) : 20;
    long heap, ids, nops, weight;
    fscanf(f, "%ld %ld %ld %ld", &heap, &ids, &nops, &weight);
    Op *ops = malloc(sizeof(Op) * nops);
    int n = 0; char c;
    while (n < nops && fscanf(f, " %c", &c) == 1) {
        ops[n].op = c;
        if (c == 'f') fscanf(f, "%d", &ops[n].id), ops[n].size = 0;
        else fscanf(f, "%d %ld", &ops[n].id, &ops[n].size);
        n++;
    }
    void **p = calloc(ids + 1, sizeof(void *));
    double best = 1e30;
    for (int r = 0; r < repeat; r++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int i = 0; i < n; i++) {
            Op *o = &ops[i];
            if (o->op == 'a') p[o->id] = malloc(o->size);
            else if (o->op == 'r') p[o->id] = realloc(p[o->id], o->size);
            else if (o->id >= 0) { free(p[o->id]); p[o->id] = 0; }
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        for (long i = 0; i < ids; i++) { free(p[i]); p[i] = 0; }
        double t = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        if (t < best) best = t;
    }
    printf("native replay %.0f ops/s\n", n / best);
    return 0;
}
