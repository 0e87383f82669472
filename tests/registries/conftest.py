"""A project citing real, retracted, misattributed and fabricated works, and the fake registries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from links.helpers import write_claims
from registries import records
from registries.fake_registries import FakeRegistries

# Written as people write BibTeX: biblatex and classic field names, DOIs in several forms.
LIBRARY = r"""@article{zhou2020,
  author = {Zhou, Peng and Yang, Xing-Lou and Wang, Xian-Guang and Hu, Ben and Zhang, Lei},
  title = {A pneumonia outbreak associated with a new coronavirus of probable bat origin},
  journaltitle = {Nature},
  volume = {579},
  pages = {270--273},
  date = {2020},
  doi = {https://doi.org/10.1038/s41586-020-2012-7},
}

@article{wakefield1998,
  author = {Wakefield, A. J. and Murch, S. H. and Anthony, A.},
  title = {Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children},
  journaltitle = {The Lancet},
  date = {1998},
  doi = {10.1016/S0140-6736(97)11096-0},
}

@article{mehra2020,
  author = {Mehra, Mandeep R. and Desai, Sapan S. and Ruschitzka, Frank and Patel, Amit N.},
  title = {Hydroxychloroquine or chloroquine with or without a macrolide for treatment of {COVID-19}: a multinational registry analysis},
  journaltitle = {Lancet},
  date = {2020},
  doi = {doi:10.1016/S0140-6736(20)31180-6},
}

@article{boettiger2013,
  author = {Boettiger, Carl and Ross, Noam and Hastings, Alan},
  title = {Early warning signals: the charted and uncharted territories},
  journaltitle = {Theoretical Ecology},
  date = {2013},
  doi = {10.1371/journal.pone.0033693},
}

@article{boettiger2018,
  author = {Boettiger, Carl},
  title = {From noise to knowledge: how randomness generates novel phenomena and reveals information},
  journaltitle = {Ecology Letters},
  date = {2018},
}

@article{fabricated2019,
  author = {Boettiger, Carl and Hastings, Alan},
  title = {Early warning signals of ecosystem collapse: a machine learning perspective},
  journaltitle = {Theoretical Ecology},
  date = {2019},
  doi = {10.1007/s12080-019-00412-7},
}

@article{fabricated2016,
  author = {Boettiger, Carl},
  title = {Stochastic resonance and critical slowing down in coupled ecological networks},
  journaltitle = {Ecology Letters},
  date = {2016},
}

@article{delphiwrongauthors,
  author = {Smith, John and Lee, Anna},
  title = {Using and Reporting the Delphi Method for Selecting Healthcare Quality Indicators: A Systematic Review},
  journaltitle = {PLoS ONE},
  date = {2011},
}

@online{vaswani2017,
  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
  title = {Attention Is All You Need},
  date = {2017},
  url = {https://arxiv.org/abs/1706.03762},
}

@online{vaswani2017doi,
  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
  title = {Attention Is All You Need},
  date = {2017},
  doi = {10.48550/arXiv.1706.03762},
}

@article{maldacena1998,
  author = {Maldacena, Juan},
  title = {The Large N Limit of Superconformal Field Theories and Supergravity},
  journaltitle = {Adv. Theor. Math. Phys.},
  date = {1998},
  note = {arXiv:hep-th/9711200},
}

@inproceedings{vaswani2017dblp,
  author = {Ashish Vaswani and Noam Shazeer and Niki Parmar},
  title = {Attention is All you Need},
  booktitle = {Advances in Neural Information Processing Systems 30},
  date = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
}

@article{badissn,
  author = {Zhou, Peng},
  title = {A pneumonia outbreak associated with a new coronavirus of probable bat origin},
  journaltitle = {Nature},
  date = {2020},
  issn = {0028-0837},
}

@article{badissngooddoi,
  author = {Boettiger, Carl},
  title = {From noise to knowledge: how randomness generates novel phenomena and reveals information},
  journaltitle = {Ecology Letters},
  date = {2018},
  doi = {10.1111/ele.13085},
  issn = {1461-0239},
}

@online{fakearxiv,
  author = {Chen, Wei and Kumar, Priya},
  title = {Scaling laws for retrieval-augmented citation generation},
  date = {2021},
  url = {https://arxiv.org/abs/2107.01234},
}

@book{kuhn1962,
  author = {Kuhn, Thomas S.},
  title = {The Structure of Scientific Revolutions},
  publisher = {University of Chicago Press},
  date = {1962},
  isbn = {978-0-226-45808-3},
}

@book{clark1990,
  author = {Clark, Colin W.},
  title = {Mathematical Bioeconomics: The Optimal Management of Renewable Resources},
  publisher = {Wiley},
  date = {1990},
  isbn = {0-471-50883-7},
}

@book{badisbn,
  author = {Kuhn, Thomas S.},
  title = {The Structure of Scientific Revolutions},
  date = {1962},
  isbn = {978-0-226-45808-4},
}

@article{baddoi,
  author = {Boettiger, Carl},
  title = {From noise to knowledge},
  date = {2018},
  doi = {11.1111/ele.13085},
}

@online{reuters,
  author = {{Reuters}},
  title = {Turkey's gas imports fall},
  date = {2020-09-01},
  url = {https://www.reuters.com/article/turkey-gas-idUSL8N2FY2AB},
}
"""

EXPECTED = {
    "zhou2020": "verified",
    "wakefield1998": "retracted",
    "mehra2020": "retracted",
    "boettiger2013": "mismatch",
    "boettiger2018": "verified",
    "fabricated2019": "not-found",
    "fabricated2016": "not-found",
    "delphiwrongauthors": "mismatch",
    "vaswani2017": "verified",
    "vaswani2017doi": "verified",
    "maldacena1998": "verified",
    "vaswani2017dblp": "verified",
    "badissn": "invalid",
    "badissngooddoi": "verified",
    "fakearxiv": "not-found",
    "kuhn1962": "verified",
    "clark1990": "verified",
    "badisbn": "invalid",
    "baddoi": "invalid",
    "reuters": "unchecked",
}
CLAIMS = {
    "c-mmr": ["wakefield1998"],
    "c-ews": ["fabricated2019", "boettiger2013"],
    "c-hcq": ["mehra2020", "zhou2020"],
}


@pytest.fixture
def fake() -> Iterator[FakeRegistries]:
    registries = FakeRegistries()
    records.load(registries)
    yield registries
    registries.close()


def make_library(root: Path, fake: FakeRegistries, library: str = LIBRARY, **settings: str) -> Path:
    (root / "references").mkdir(parents=True, exist_ok=True)
    (root / "references" / "library.bib").write_text(library, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        "[tool.claimtrack]\n" + fake.settings_toml(**settings), encoding="utf-8"
    )
    write_claims(root, CLAIMS)
    return root


@pytest.fixture
def library(tmp_path: Path, fake: FakeRegistries) -> Path:
    return make_library(tmp_path, fake)
