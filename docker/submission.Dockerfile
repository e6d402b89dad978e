# A student's C proxy as an image (for `proxylab-grade --image` and batch grading).
# The build context is the submission directory:
#   docker build -f docker/submission.Dockerfile -t proxylab/submission:alice submissions/alice
# It runs `make` there and starts `./proxy 15213`. Run it with an init (`docker run --init`):
# a C program as PID 1 ignores SIGTERM (and SIGPIPE) unless it installs a handler.
#
# `proxylab-grade --sandbox docker --submission DIR` builds with this file too: the context is then a private copy
# holding DIR and the folders its Makefile reaches as ../NAME, SUBMISSION_DIR names DIR inside it, the build has
# no network, and PROXYLAB_BUILD labels every layer so the grader can remove them all afterwards (PROXYLAB_SESSION
# too, for docker/ci-stage.sh's sweep).
ARG GCC_IMAGE=gcc:12
FROM ${GCC_IMAGE}
ARG PROXYLAB_BUILD=manual
ARG PROXYLAB_SESSION=none
LABEL org.proxylab=1 org.proxylab.role=submission org.proxylab.build=${PROXYLAB_BUILD} \
      org.proxylab.session=${PROXYLAB_SESSION}
ARG SUBMISSION_DIR=.
WORKDIR /submission
COPY . .
WORKDIR /submission/${SUBMISSION_DIR}
# A shipped binary or stale objects must not stand in for what the sources compile to.
RUN rm -f proxy ./*.o && make && test -x proxy \
 && chown -R 65534:65534 /submission
USER 65534:65534
EXPOSE 15213
CMD ["./proxy", "15213"]
