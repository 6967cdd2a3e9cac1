#!/bin/bash
# intermittent CPU hog: random CPU (0/1), random 1-5 s phases, busy half the time; stops after $1 seconds
end=$((SECONDS+${1:-280}))
while [ $SECONDS -lt $end ]; do
  d=$((RANDOM%5+1)); c=$((RANDOM%2))
  if [ $((RANDOM%2)) -eq 0 ]; then echo "$(date -u +%T) busy cpu $c ${d}s"; timeout $d taskset -c $c node -e 'for(;;){}'; else sleep $d; fi
done
