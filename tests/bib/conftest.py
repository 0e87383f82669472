import sys
from pathlib import Path

# the consumer-tool helpers of the export tests
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "export"))
