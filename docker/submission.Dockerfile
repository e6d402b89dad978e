# A student's C proxy as an image (for `proxylab-grade --image` and batch grading).
# The build context is the submission directory:
#   docker build -f docker/submission.Dockerfile -t proxylab/submission:alice submissions/alice
# It runs `make` there and starts `./proxy 15213`. Run it with an init (`docker run --init`):
# a C program as PID 1 ignores SIGTERM unless it installs a handler.
ARG GCC_IMAGE=gcc:12
FROM ${GCC_IMAGE}
WORKDIR /submission
COPY . .
# A shipped binary or stale objects must not stand in for what the sources compile to.
RUN rm -f proxy ./*.o && make && test -x proxy \
 && chown -R 65534:65534 /submission
LABEL org.proxylab=1 org.proxylab.role=submission
USER 65534:65534
EXPOSE 15213
CMD ["./proxy", "15213"]
