"""Several DIET intent classifiers with different random seeds, their confidences averaged.

One DIET's held-out score moves a few hundredths with nothing but its random seed (same data,
same settings: docs/nlu-pipeline.md), because the training data is small and the classes are
close. Averaging the confidences of a few members trained with different seeds takes most of
that chance out of every answer. Each member is an ordinary `DIETClassifier` with the settings
given in config.yml and `random_seed` + 0, 1, 2, ...; they train one after the other and their
files live in subfolders of this component's own folder, so Rasa's training cache always keeps
them together.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.train_utils import create_data_generators

from nlu_components.ranking import Ranking, average_rankings

MEMBERS = "members"
RANKING_LENGTH = "ranking_length"
RANDOM_SEED = "random_seed"


class _MemberStorage:
    """The two model-storage calls DIET makes, pointed at a subfolder of the ensemble's folder."""

    def __init__(self, storage: ModelStorage, resource: Resource) -> None:
        self._storage = storage
        self._resource = resource

    @contextmanager
    def write_to(self, resource: Resource) -> Iterator[Path]:
        with self._storage.write_to(self._resource) as directory:
            folder = directory / resource.name
            folder.mkdir(exist_ok=True)
            yield folder

    @contextmanager
    def read_from(self, resource: Resource) -> Iterator[Path]:
        with self._storage.read_from(self._resource) as directory:
            folder = directory / resource.name
            if not folder.is_dir():
                raise ValueError(f"no files for ensemble member '{resource.name}'")
            yield folder


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class DIETEnsembleClassifier(GraphComponent, IntentClassifier):
    """`members` DIET intent classifiers (different seeds); the intent is their mean ranking."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Featurizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**DIETClassifier.get_default_config(), MEMBERS: 3}

    def __init__(
        self, config: Dict[str, Any], members: List[DIETClassifier], resource: Resource
    ) -> None:
        self._config = config
        self._members = members
        self._resource = resource
        trained = [m.index_label_id_mapping for m in members if m.model is not None]
        self._intents = set(trained[0].values()) if trained else set()

    @staticmethod
    def _member_config(config: Dict[str, Any], index: int) -> Dict[str, Any]:
        member = copy.deepcopy(config)
        member.pop(MEMBERS, None)
        member[RANDOM_SEED] = int(config.get(RANDOM_SEED) or 0) + index
        member[RANKING_LENGTH] = 0  # every intent, so the mean sees them all
        return member

    @classmethod
    def _build(
        cls,
        make: Callable[..., DIETClassifier],
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DIETEnsembleClassifier:
        """The ensemble with `members` members made by `make` (DIETClassifier.create or .load)."""
        if int(config[MEMBERS]) < 1:
            raise RasaException(f"{cls.__name__}: '{MEMBERS}' must be 1 or more")
        storage = _MemberStorage(model_storage, resource)
        members = [
            make(cls._member_config(config, index), storage, Resource(f"member_{index}"),
                 execution_context)
            for index in range(int(config[MEMBERS]))
        ]  # fmt: skip
        return cls(config, members, resource)

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DIETEnsembleClassifier:
        return cls._build(DIETClassifier.create, config, model_storage, resource, execution_context)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> DIETEnsembleClassifier:
        ensemble = cls._build(
            DIETClassifier.load, config, model_storage, resource, execution_context
        )
        trained = [member.model is not None for member in ensemble._members]
        if any(trained) and not all(trained):
            raise RasaException(
                f"{cls.__name__}: only {sum(trained)} of {len(trained)} members could be "
                "loaded; the model package is incomplete, train again"
            )
        return ensemble

    def train(self, training_data: TrainingData) -> Resource:
        for member in self._members:
            member.train(training_data)  # each persists into its own subfolder
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        length = int(self._config.get(RANKING_LENGTH) or 0)
        for message in messages:
            text = (message.get(TEXT) or "").strip()
            if button_payload_intent(text) in self._intents:
                rankings: List[Ranking] = []  # Rasa puts the payload's intent in its place
            else:
                rankings = self._member_rankings(message)
            ranking = average_rankings(rankings, length)
            intent = dict(ranking[0]) if ranking else {"name": None, "confidence": 0.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _member_rankings(self, message: Message) -> List[Ranking]:
        """Every member's full ranking. What `DIETClassifier.process` does, with the input to
        the models built once instead of once per member (a third of a member's time)."""
        first = self._members[0]
        if first.model is None:
            return []
        model_data = first._create_model_data([message], training=False)
        if model_data.is_empty():
            return []
        batches, _ = create_data_generators(model_data, batch_sizes=1, epochs=1, shuffle=False)
        batch = next(iter(batches))[0]
        rankings = []
        for member in self._members:
            _, ranking = member._predict_label(member.model._rasa_predict(batch))
            rankings.append(ranking)
        return rankings


def button_payload_intent(text: str) -> Optional[str]:
    """The intent of an "/inform{...}"-style text, else None. For a known intent Rasa's
    RegexMessageHandler, at the end of the NLU pipeline, replaces whatever the pipeline found
    with the payload's, so classifying it is wasted work (most messages of a scan are button
    clicks). Same pattern as Rasa's."""
    if not text.startswith("/"):
        return None
    match = YAMLStoryReader._regex_message_pattern().match(text)
    return match.group(INTENT_NAME_KEY).strip() if match else None
