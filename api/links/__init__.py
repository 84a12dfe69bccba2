"""Link analysis across cases: caseLinks, suspected networks, a coordinator's decisions."""
