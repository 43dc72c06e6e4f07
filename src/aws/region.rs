//! The form of an AWS Region name, checked before any call: a Region that
//! cannot exist has no endpoint, and the SDK would retry the DNS failure
//! for minutes before saying so.

/// `af-south-1`, `us-gov-west-1`, `eusc-de-east-1`, `us-isob-east-1`: a
/// 2–4 letter area, one or two lower-case words, and a number — the
/// form of every partition's Region pattern in AWS's endpoint rules.
fn is_region_name(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let [area, words @ .., number] = parts.as_slice() else {
        return false;
    };
    (2..=4).contains(&area.len())
        && area.chars().all(|c| c.is_ascii_lowercase())
        && (1..=2).contains(&words.len())
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        && !number.is_empty()
        && number.len() <= 2
        && number.chars().all(|c| c.is_ascii_digit())
}

/// Why `region` is not a Region name, in one sentence; None when it is.
pub fn region_problem(region: &str) -> Option<String> {
    (!is_region_name(region)).then(|| {
        format!(
            "{region:?} is not an AWS Region name. Region names are lower case: an area, a direction and a \
             number, e.g. \"us-east-1\", \"eu-central-2\" or \"us-gov-west-1\"."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::is_region_name;

    #[test]
    fn every_partitions_region_form_passes() {
        for r in [
            "us-east-1",
            "af-south-1",
            "ap-southeast-7",
            "eu-central-2",
            "us-gov-west-1",
            "cn-northwest-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "us-isof-south-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
            "mx-central-1",
        ] {
            assert!(is_region_name(r), "{r}");
        }
    }

    #[test]
    fn names_that_cannot_be_regions_fail() {
        for r in [
            "",
            "mars-1",
            "us-east-1x",
            "US-EAST-1",
            "us-east",
            "us_east_1",
            "us-east-1 ",
            "us--east-1",
            "useast1",
            "u-east-1",
            "us-east-a-b-1",
            "us-east-123",
        ] {
            assert!(!is_region_name(r), "{r:?}");
        }
    }
}
