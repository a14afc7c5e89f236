#!/bin/sh
# Runs the shell command line $1 as a child and passes SIGTERM (also for SIGINT/SIGHUP) on to it, so
# `docker stop` stops apps that install no signal handler: as PID 1 they would ignore SIGTERM and
# be killed only after the stop timeout. Exits with the app's status. (Containers started with
# --init get the same from docker-init; this keeps the stacks right without it.)
case $1 in
  *[\;\&\|\<\>\(\)\`]*) /bin/sh -c "$1" & ;;  # a compound command: the shell stays the app's parent
  *) /bin/sh -c "exec $1" & ;;                # a simple command: the app itself gets the signal
esac
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
wait "$pid"; status=$?
while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done
exit "$status"
